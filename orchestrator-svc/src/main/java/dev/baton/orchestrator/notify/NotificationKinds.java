package dev.baton.orchestrator.notify;

import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.store.WorkflowStore;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.RecoveryActionKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;
import java.util.Optional;

/**
 * What kind of notification an outbox row is, if it concerns anyone. Event types without a rule
 * here notify under their own name (so that listing one more type in R__notification_events.sql is
 * all it takes). RECOVERY_APPLIED with action INTERVENE (an {@code intervene} rule made the step
 * wait for a person) notifies as {@value #STEP_WAITING_FOR_INTERVENTION}, each time. Otherwise
 * STEP_FAILED and RECOVERY_APPLIED mean "the step's retry policy gave up" and notify as
 * {@value #STEP_RETRIES_EXHAUSTED}, once per execution and step, for steps marked {@code critical} only.
 */
final class NotificationKinds {
  static final String STEP_RETRIES_EXHAUSTED = "STEP_RETRIES_EXHAUSTED";
  static final String CIRCUIT_OPENED = "CIRCUIT_OPENED";
  static final String STEP_WAITING_FOR_INTERVENTION = "STEP_WAITING_FOR_INTERVENTION";

  private final WorkflowStore workflows;

  NotificationKinds(WorkflowStore workflows) {
    this.workflows = Objects.requireNonNull(workflows, "workflows");
  }

  /** The kind of {@code row}; empty when nobody is to be told. */
  Future<Optional<String>> kindOf(SqlConnection conn, OutboxRow row) {
    ExecutionEvent event = row.event();
    return switch (event.getType()) {
      case RECOVERY_APPLIED -> isIntervene(event.getRecoveryApplied())
          ? Future.succeededFuture(Optional.of(STEP_WAITING_FOR_INTERVENTION))
          : retriesExhausted(conn, row);
      case STEP_FAILED -> retriesExhausted(conn, row);
      default -> Future.succeededFuture(Optional.of(row.eventType()));
    };
  }

  private static boolean isIntervene(ExecutionEvent.RecoveryApplied decision) {
    return EnumNames.parse(RecoveryActionKind.class, decision.getAction(), RecoveryActionKind.UNRECOGNIZED)
        == RecoveryActionKind.RECOVERY_ACTION_KIND_INTERVENE;
  }

  /** STEP_RETRIES_EXHAUSTED, once per execution and step, for a step marked critical. */
  private Future<Optional<String>> retriesExhausted(SqlConnection conn, OutboxRow row) {
    return workflows.compiled(row.tenantId(), row.workflowName(), row.workflowVersion())
        .map(found -> found.flatMap(w -> w.workflow().steps().stream()
            .filter(s -> s.id().equals(row.stepId())).findFirst()))
        .compose(step -> step.map(CompiledStep::proto).filter(s -> s.getCritical()).isEmpty()
            ? Future.succeededFuture(Optional.<String>empty())
            : alreadyNotified(conn, row).map(done -> done ? Optional.<String>empty() : Optional.of(STEP_RETRIES_EXHAUSTED)));
  }

  private static Future<Boolean> alreadyNotified(SqlConnection conn, OutboxRow row) {
    return conn.preparedQuery("SELECT 1 FROM notifications WHERE execution_id = $1 AND step_id = $2 AND kind = $3 "
            + "AND id <> $4 LIMIT 1")
        .execute(Tuple.of(row.executionId(), row.stepId(), STEP_RETRIES_EXHAUSTED, row.id()))
        .map(rows -> rows.size() > 0);
  }
}
