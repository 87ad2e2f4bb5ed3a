package dev.baton.orchestrator.dispatch;

import dev.baton.common.telemetry.Telemetry;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.proto.v1.ExecutionStatus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits the {@code baton.execution} span of an execution once it has ended (docs/tracing.md). An
 * execution outlives transactions and replicas, so no process holds its span open: the replica
 * whose transition ends it emits the whole span afterwards, from the stored start time, with the
 * span id its traceparent names (the one executors have used as parent all along).
 */
public final class ExecutionSpans {
  private static final Logger log = LoggerFactory.getLogger(ExecutionSpans.class);

  private final Tracer tracer;
  private final Clock clock;

  public ExecutionSpans(Tracer tracer, Clock clock) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Called once, after the transaction that ended the execution committed. */
  public void ended(ExecutionRecord e) {
    Optional<TraceParent> ids = TraceParent.parse(e.traceparent);
    if (ids.isEmpty()) {
      log.debug("execution {} has no valid traceparent ('{}'); it gets no execution span", e.id, e.traceparent);
      return;
    }
    TraceParent own = ids.get();
    SpanBuilder builder = tracer.spanBuilder("baton.execution")
        .setStartTimestamp(e.createdAt)
        .setAttribute("baton.tenant", e.tenantId)
        .setAttribute("baton.workflow", e.workflowName)
        .setAttribute("baton.workflow.version", e.workflowVersion)
        .setAttribute("baton.execution_id", e.id.toString())
        .setAttribute("baton.outcome", outcome(e.status()));
    if (e.parentExecutionId != null) {
      builder.setParent(new TraceParent(own.traceId(), TraceParent.spanIdOf(e.parentExecutionId)).asRemoteParent())
          .setAttribute("baton.parent_execution_id", e.parentExecutionId.toString());
    } else {
      builder.setNoParent();
    }
    Span span = Telemetry.startWithIds(builder, own.traceId(), own.spanId());
    if (e.status() == ExecutionStatus.EXECUTION_STATUS_FAILED) {
      String message = e.error() == null ? "failed" : e.error().getCode() + ": " + e.error().getMessage();
      span.setStatus(StatusCode.ERROR, message);
      if (e.error() != null && !e.error().getStepId().isEmpty()) {
        span.setAttribute("baton.error.step", e.error().getStepId());
      }
    }
    span.end(e.finishedAt() != null ? e.finishedAt() : clock.instant());
  }

  private static String outcome(ExecutionStatus status) {
    return switch (status) {
      case EXECUTION_STATUS_SUCCEEDED -> "succeeded";
      case EXECUTION_STATUS_FAILED -> "failed";
      case EXECUTION_STATUS_CANCELLED -> "cancelled";
      default -> status.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
