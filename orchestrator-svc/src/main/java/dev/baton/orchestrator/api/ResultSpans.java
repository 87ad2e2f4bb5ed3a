package dev.baton.orchestrator.api;

import dev.baton.common.telemetry.TraceParent;
import dev.baton.proto.internal.v1.ReportResultsRequest;
import dev.baton.proto.internal.v1.TaskResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.AsyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code baton.apply} span per reported result, child of the attempt span whose context the
 * result carries: from the report's arrival to the commit of the transition it caused (or its
 * rejection as a duplicate). It is the orchestrator's share of the time between one step's end
 * and the next one's dispatch.
 */
final class ResultSpans {
  private final List<Span> spans; // per result, in request order; null where there is no context

  private ResultSpans(List<Span> spans) {
    this.spans = spans;
  }

  static ResultSpans start(Tracer tracer, ReportResultsRequest request) {
    List<Span> spans = new ArrayList<>(request.getResultsCount());
    for (TaskResult result : request.getResultsList()) {
      Optional<TraceParent> parent = TraceParent.parse(result.getTraceparent());
      spans.add(parent.map(p -> tracer.spanBuilder("baton.apply").setSpanKind(SpanKind.SERVER)
          .setParent(p.asRemoteParent())
          .setAttribute("baton.task_id", result.getTaskId())
          .setAttribute("baton.executor_id", request.getExecutorId())
          .startSpan()).orElse(null));
    }
    return new ResultSpans(spans);
  }

  void end(AsyncResult<List<Boolean>> applied) {
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      if (span == null) {
        continue;
      }
      if (applied.succeeded()) {
        // false: a duplicate, late or cancelled result that changed nothing
        span.setAttribute("baton.applied", applied.result().get(i));
      } else {
        span.setStatus(StatusCode.ERROR, String.valueOf(applied.cause().getMessage()));
      }
      span.end();
    }
  }
}
