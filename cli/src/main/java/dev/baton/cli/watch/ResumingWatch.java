package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.connect.ProgressConnection;
import dev.baton.cli.failure.CliException;
import dev.baton.cli.render.StatusLabel;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Follows an execution's {@code WatchExecution} stream to the execution's end as if it never broke.
 * When the stream fails with UNAVAILABLE (progress-svc restarted, network) or RESOURCE_EXHAUSTED
 * (this watcher fell behind), or ends before the execution does, it reconnects with
 * {@code resume_after} = the last event sequence seen, so every event reaches the consumer once
 * and in order. Other errors (NOT_FOUND, INVALID_ARGUMENT, ...) end the watch at once.
 */
final class ResumingWatch {
  private final ProgressConnection connection;
  private final ReconnectPolicy policy;

  ResumingWatch(ProgressConnection connection, ReconnectPolicy policy) {
    this.connection = requireNonNull(connection, "connection");
    this.policy = requireNonNull(policy, "policy");
  }

  /**
   * Passes every update to {@code onUpdate} until the execution has ended and returns its final state.
   *
   * @param resumeAfter sequence of the last event already seen; 0 starts from the current state
   * @throws StatusRuntimeException when progress-svc rejects the watch (e.g. NOT_FOUND)
   * @throws CliException when reconnecting failed {@link ReconnectPolicy#maxAttempts()} times in a row
   */
  ExecutionProgress follow(String executionId, long resumeAfter, Consumer<ExecutionUpdate> onUpdate)
      throws InterruptedException {
    long lastSeen = resumeAfter;
    ExecutionProgress latest = null;
    int failuresInARow = 0;
    while (true) {
      Status broke;
      try {
        Iterator<ExecutionUpdate> updates = connection.watch(executionId, lastSeen);
        while (updates.hasNext()) {
          ExecutionUpdate update = updates.next();
          failuresInARow = 0;
          if (alreadySeen(update, lastSeen)) {
            continue;
          }
          lastSeen = Math.max(lastSeen, update.hasEvent() ? update.getEvent().getSequence()
              : update.getProgress().getSequence());
          latest = update.getProgress();
          onUpdate.accept(update);
        }
        if (latest != null && StatusLabel.isTerminal(latest.getStatus())) {
          return latest;
        }
        broke = Status.UNAVAILABLE.withDescription("the stream ended before the execution did");
      } catch (StatusRuntimeException e) {
        if (!isTransient(e.getStatus())) {
          throw e;
        }
        broke = e.getStatus();
      }
      failuresInARow++;
      if (failuresInARow > policy.maxAttempts()) {
        throw gaveUp(executionId, latest != null, broke);
      }
      Thread.sleep(policy.backoff(failuresInARow).toMillis());
    }
  }

  /**
   * An event delivered before the stream broke, or a state older than one already shown (progress-svc
   * sends neither, but a repeated line or a percent going backwards would confuse whoever watches).
   */
  private static boolean alreadySeen(ExecutionUpdate update, long lastSeen) {
    return update.hasEvent() ? update.getEvent().getSequence() <= lastSeen
        : update.getProgress().getSequence() < lastSeen;
  }

  private static boolean isTransient(Status status) {
    return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.RESOURCE_EXHAUSTED;
  }

  private CliException gaveUp(String executionId, boolean everConnected, Status last) {
    String why = last.getDescription() == null ? last.getCode().name() : last.getCode() + ": " + last.getDescription();
    if (!everConnected && last.getCode() == Status.Code.UNAVAILABLE) {
      return new CliException("cannot reach progress-svc at " + connection.target()
          + " (is `bin/baton dev` running? --progress-server / BATON_PROGRESS_TARGET point elsewhere): " + why);
    }
    return new CliException("watch of execution " + executionId + " at progress-svc " + connection.target()
        + " broke off and " + policy.maxAttempts() + " reconnects failed: " + why);
  }
}
