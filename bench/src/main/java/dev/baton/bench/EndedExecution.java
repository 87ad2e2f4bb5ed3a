package dev.baton.bench;

import java.time.Duration;
import java.time.Instant;

/** An execution that has ended, with the timestamps the orchestrator recorded for it. */
record EndedExecution(String status, Instant createdAt, Instant finishedAt) {

  boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }

  /** End-to-end time as the orchestrator saw it: accepted the start until it recorded the final status. */
  Duration recordedDuration() {
    return Duration.between(createdAt, finishedAt);
  }
}
