package dev.baton.bench;

/** How many executions of the benchmark database have ended, by final status. */
record FinishedCounts(long succeeded, long failed, long cancelled) {

  static final FinishedCounts NONE = new FinishedCounts(0, 0, 0);

  long total() {
    return succeeded + failed + cancelled;
  }

  /** Executions that ended without succeeding. */
  long unsuccessful() {
    return failed + cancelled;
  }

  FinishedCounts minus(FinishedCounts earlier) {
    return new FinishedCounts(succeeded - earlier.succeeded, failed - earlier.failed, cancelled - earlier.cancelled);
  }
}
