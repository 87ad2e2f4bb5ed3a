package dev.baton.orchestrator.api;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace context for a new execution. Every task of the execution carries it, so one execution
 * is one trace across services (the analytics issue replaces this with spans of the OTel SDK).
 */
final class Traceparents {
  private Traceparents() {}

  static String newRoot() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    String traceId = hex.toHexDigits(random.nextLong() | 1) + hex.toHexDigits(random.nextLong());
    String spanId = hex.toHexDigits(random.nextLong() | 1);
    return "00-" + traceId + "-" + spanId + "-01";
  }
}
