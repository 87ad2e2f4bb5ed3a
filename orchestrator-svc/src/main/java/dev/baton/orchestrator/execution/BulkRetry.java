package dev.baton.orchestrator.execution;

import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.orchestrator.transition.ExecutionDriver;
import dev.baton.orchestrator.deadletter.DeadLetterFilter;
import dev.baton.orchestrator.engine.Interventions;
import dev.baton.orchestrator.store.ExecutionQueries;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.RetryFailedExecutionsResponse;
import dev.baton.proto.v1.RetryFailedResult;
import io.grpc.Status;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RetryFailedExecutions: re-runs the dead letters that match a filter, oldest failure first, one
 * transaction each, through {@link Interventions#retryStep} as RetryStep does. One after the other
 * rather than all at once: a bulk retry of hundreds must not crowd out the executions that run.
 */
final class BulkRetry {
  private static final Logger LOG = LoggerFactory.getLogger(BulkRetry.class);

  private final ExecutionDriver driver;
  private final Interventions interventions;
  private final ExecutionQueries executions;

  BulkRetry(ExecutionDriver driver, Interventions interventions, ExecutionQueries executions) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.interventions = Objects.requireNonNull(interventions, "interventions");
    this.executions = Objects.requireNonNull(executions, "executions");
  }

  Future<RetryFailedExecutionsResponse> run(String tenant, DeadLetterFilter filter, Actor actor, int limit,
      boolean dryRun) {
    return executions.failed(tenant, filter, false, null, null, limit + 1).compose(found -> {
      List<Execution> batch = found.subList(0, Math.min(limit, found.size()));
      RetryFailedExecutionsResponse.Builder response = RetryFailedExecutionsResponse.newBuilder()
          .setMore(found.size() > limit);
      if (dryRun) {
        batch.forEach(e -> response.addResults(result(e, RetryFailedResult.Outcome.OUTCOME_WOULD_RETRY, "")));
        return Future.succeededFuture(response.build());
      }
      List<RetryFailedResult> results = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Execution e : batch) {
        chain = chain.compose(v -> retryOne(tenant, e, filter, actor).map(r -> {
          results.add(r);
          return null;
        }));
      }
      return chain.map(v -> response.addAllResults(results).build());
    });
  }

  private Future<RetryFailedResult> retryOne(String tenant, Execution e, DeadLetterFilter filter, Actor actor) {
    UUID id = UUID.fromString(e.getId());
    return driver.intervene(tenant, id, (state, children, changes) -> {
          // the listing was read without locks: what matched then may have been retried or cancelled since
          filter.mismatch(state.execution()).ifPresent(why -> {
            throw OrchestratorException.precondition(why);
          });
          interventions.retryStep(state, null, actor, children, changes);
        })
        .map(v -> result(e, RetryFailedResult.Outcome.OUTCOME_RETRIED, ""))
        .recover(failure -> {
          if (failure instanceof OrchestratorException oe
              && (oe.code() == Status.Code.FAILED_PRECONDITION || oe.code() == Status.Code.NOT_FOUND)) {
            return Future.succeededFuture(result(e, RetryFailedResult.Outcome.OUTCOME_SKIPPED, oe.getMessage()));
          }
          // one execution's trouble (e.g. a lost connection) does not lose the outcomes of the others
          LOG.warn("bulk retry: execution {} was not retried; the caller sees it as skipped", id, failure);
          return Future.succeededFuture(result(e, RetryFailedResult.Outcome.OUTCOME_SKIPPED,
              "not retried: " + failure.getMessage()));
        });
  }

  private static RetryFailedResult result(Execution e, RetryFailedResult.Outcome outcome, String reason) {
    return RetryFailedResult.newBuilder().setExecutionId(e.getId()).setWorkflowName(e.getWorkflowName())
        .setOutcome(outcome).setReason(reason).setError(e.getError()).build();
  }
}
