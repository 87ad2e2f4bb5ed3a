package dev.baton.common.telemetry;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * Random ids, except for a span started inside {@link #starting}: that one gets the ids the caller
 * chose. Baton derives some span ids from its own ids (an execution's span id is in the
 * traceparent its tasks carry), so that a span emitted when an execution ends, possibly by
 * another replica than the one that started it, is the parent the executors already referred to.
 */
final class ChosenIds implements IdGenerator {
  static final ChosenIds INSTANCE = new ChosenIds();

  private static final ThreadLocal<String[]> NEXT = new ThreadLocal<>();
  private static final IdGenerator RANDOM = IdGenerator.random();

  private ChosenIds() {}

  /** Runs {@code start} (which starts exactly one span) so that the span gets these ids; null = random. */
  static <T> T starting(String traceId, String spanId, Supplier<T> start) {
    NEXT.set(new String[] {traceId, spanId});
    try {
      return start.get();
    } finally {
      NEXT.remove();
    }
  }

  @Override
  public String generateSpanId() {
    String[] next = NEXT.get();
    if (next != null && next[1] != null) {
      String id = next[1];
      next[1] = null;
      return id;
    }
    return RANDOM.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    String[] next = NEXT.get();
    if (next != null && next[0] != null) {
      String id = next[0];
      next[0] = null;
      return id;
    }
    return RANDOM.generateTraceId();
  }
}
