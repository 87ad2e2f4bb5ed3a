package dev.baton.orchestrator.transition;

import dev.baton.common.vertx.GroupCommit;
import io.vertx.core.Future;
import java.util.List;

/**
 * Group commit for transitions (executor results, starts of executions without an idempotency
 * key): commands that arrive while earlier batches are being committed go together into the next
 * transaction ({@link GroupCommit}). Several batches may run at once: the execution row locks keep
 * them correct, and they lock in id order, so they cannot deadlock.
 */
public final class TransitionBatcher {
  private final GroupCommit<ExecutionDriver.Command, ExecutionDriver.Outcome> commits;

  public TransitionBatcher(ExecutionDriver driver, int maxBatch, int maxInFlight) {
    java.util.Objects.requireNonNull(driver, "driver");
    this.commits = new GroupCommit<>(driver::apply, maxBatch, maxInFlight);
  }

  /** Queues the commands; the futures give their outcomes, in order. */
  public Future<List<ExecutionDriver.Outcome>> submit(List<? extends ExecutionDriver.Command> commands) {
    return commits.submit(commands);
  }
}
