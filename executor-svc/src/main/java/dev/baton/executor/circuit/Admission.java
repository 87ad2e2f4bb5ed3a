package dev.baton.executor.circuit;

import java.time.Instant;

/** A breaker's answer to "may this call go through?". */
public record Admission(Verdict verdict, Instant until) {

  public enum Verdict {
    /** Closed: go ahead. */
    ALLOW,
    /** Half-open: go ahead as the one probe; report the outcome with {@code probe = true}. */
    PROBE,
    /** Open, or a probe is in flight: do not call the provider before {@link #until()}. */
    REJECT
  }

  public boolean admitted() {
    return verdict != Verdict.REJECT;
  }

  public boolean probe() {
    return verdict == Verdict.PROBE;
  }
}
