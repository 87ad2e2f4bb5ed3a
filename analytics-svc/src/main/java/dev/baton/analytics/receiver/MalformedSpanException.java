package dev.baton.analytics.receiver;

/** A received span breaks the OTLP rules; the message names the field (e.g. "resource_spans[0]...trace_id"). */
public final class MalformedSpanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedSpanException(String message) {
    super(message, null, false, false);
  }
}
