package dev.baton.executor.run;

import com.google.protobuf.Timestamp;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.proto.internal.v1.Task;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.StepError.BuiltinCode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;

/**
 * The spans of one delivery of an attempt on this executor (docs/tracing.md): {@code baton.attempt}
 * under the execution's span, with the children {@code baton.backoff} (retry wait, from the
 * previous attempt's failure to dispatch), {@code baton.queue} (dispatch to pick-up) and
 * {@code baton.run} (pick-up to the handler's end; handler spans go below it). The attempt span
 * also carries the three durations as attributes so that one row answers "where did time go".
 */
final class AttemptTrace {
  private final Span attempt;
  private final Span run;
  private final Context runContext;
  private final Instant pickedUp;
  private boolean ended;

  private AttemptTrace(Span attempt, Span run, Context runContext, Instant pickedUp) {
    this.attempt = attempt;
    this.run = run;
    this.runContext = runContext;
    this.pickedUp = pickedUp;
  }

  static AttemptTrace start(Tracer tracer, Task task, Instant pickedUp) {
    Context parent = TraceParent.parse(task.getTraceparent()).map(TraceParent::asRemoteParent).orElse(Context.root());
    Instant dispatched = task.hasDispatchTime() ? min(instant(task.getDispatchTime()), pickedUp) : pickedUp;
    Instant backoffStart = task.hasBackoffStartTime() ? min(instant(task.getBackoffStartTime()), dispatched) : null;
    Instant start = backoffStart != null ? backoffStart : dispatched;

    SpanBuilder builder = tracer.spanBuilder("baton.attempt").setParent(parent).setStartTimestamp(start)
        .setAttribute("baton.tenant", task.getTenantId())
        .setAttribute("baton.workflow", task.getWorkflowName())
        .setAttribute("baton.workflow.version", task.getWorkflowVersion())
        .setAttribute("baton.execution_id", task.getExecutionId())
        .setAttribute("baton.step", task.getStepId())
        .setAttribute("baton.attempt", task.getAttempt())
        .setAttribute("baton.delivery", task.getDelivery())
        .setAttribute("baton.handler", task.getHandler())
        .setAttribute("baton.task_queue", task.getTaskQueue())
        .setAttribute("baton.task_id", task.getTaskId())
        .setAttribute("baton.queue_ms", Duration.between(dispatched, pickedUp).toMillis())
        .setAttribute("baton.backoff_ms", backoffStart == null ? 0 : Duration.between(backoffStart, dispatched).toMillis());
    if (task.getItemIndex() >= 0) {
      builder.setAttribute("baton.item", task.getItemIndex());
    }
    Span attempt = builder.startSpan();
    Context attemptContext = parent.with(attempt);
    if (backoffStart != null) {
      tracer.spanBuilder("baton.backoff").setParent(attemptContext).setStartTimestamp(backoffStart).startSpan()
          .end(dispatched);
    }
    if (task.hasDispatchTime()) {
      tracer.spanBuilder("baton.queue").setParent(attemptContext).setStartTimestamp(dispatched).startSpan()
          .end(pickedUp);
    }
    Span run = tracer.spanBuilder("baton.run").setParent(attemptContext).setStartTimestamp(pickedUp)
        .setAttribute("baton.handler", task.getHandler()).startSpan();
    return new AttemptTrace(attempt, run, attemptContext.with(run), pickedUp);
  }

  /**
   * The attempt span's W3C traceparent, sent with the result so the orchestrator's work joins the
   * trace; empty when there is no valid context (a task without traceparent, tracing switched off).
   */
  String traceparent() {
    if (!attempt.getSpanContext().isValid()) {
      return "";
    }
    return new TraceParent(attempt.getSpanContext().getTraceId(), attempt.getSpanContext().getSpanId()).format();
  }

  /** The context the handler runs in: its spans become children of {@code baton.run}. */
  Context runContext() {
    return runContext;
  }

  /** The attempt ended with this result (reported to the orchestrator). */
  synchronized void ended(TaskResult result, Instant at) {
    if (result.hasError()) {
      String code = result.getError().getCode();
      attempt.setAttribute("baton.outcome", BuiltinCode.TIMEOUT.name().equals(code) ? "timed_out" : "failed");
      attempt.setAttribute("baton.error.code", code);
      attempt.setAttribute("baton.error.retryable", result.getError().getRetryable());
      attempt.setStatus(StatusCode.ERROR, code + ": " + result.getError().getMessage());
      run.setStatus(StatusCode.ERROR, code);
    } else {
      attempt.setAttribute("baton.outcome", "succeeded");
    }
    end(at);
  }

  /** The attempt was stopped without a result (cancelled, or abandoned at shutdown). */
  synchronized void stopped(Instant at) {
    attempt.setAttribute("baton.outcome", "cancelled");
    end(at);
  }

  private void end(Instant at) {
    if (ended) {
      return;
    }
    ended = true;
    Instant end = at.isBefore(pickedUp) ? pickedUp : at;
    attempt.setAttribute("baton.run_ms", Duration.between(pickedUp, end).toMillis());
    run.end(end);
    attempt.end(end);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
