package dev.baton.bench;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Executions of a chain workflow as the services would trace them (docs/tracing.md): per step an
 * attempt span with its queue and run children and the baton.* attributes, and the execution span
 * ended last. Built with the real SDK, collected as {@link SpanData} to hand to an OTLP exporter.
 * Start times are spread over the last {@code spreadMinutes}, so that rollups fill as many buckets as
 * a real hour of traffic would. One instance per thread.
 */
final class SyntheticTraces {
  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final List<SpanData> collected = new ArrayList<>();
  private final SplittableRandom random;
  private final String workflow;
  private final int steps;
  private final int spreadMinutes;

  SyntheticTraces(String workflow, int steps, int spreadMinutes, long seed) {
    this.workflow = workflow;
    this.steps = steps;
    this.spreadMinutes = spreadMinutes;
    this.random = new SplittableRandom(seed);
    this.provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().toBuilder().put("service.name", "executor-svc").build())
        .addSpanProcessor(new Collector())
        .build();
    this.tracer = provider.get("bench-analytics");
  }

  /** Spans of one execution. */
  int spansPerExecution() {
    return 1 + 3 * steps;
  }

  /** The spans of {@code executions} executions, in the order they ended. */
  List<SpanData> next(int executions) {
    collected.clear();
    for (int i = 0; i < executions; i++) {
      execution();
    }
    return new ArrayList<>(collected);
  }

  private void execution() {
    String id = UUID.randomUUID().toString();
    Attributes baton = Attributes.builder().put("baton.tenant", "default").put("baton.workflow", workflow)
        .put("baton.workflow.version", 1L).put("baton.execution_id", id).build();
    Instant start = Instant.now().minusMillis(60_000L + random.nextLong(spreadMinutes * 60_000L));
    Span execution = tracer.spanBuilder("baton.execution").setNoParent().setStartTimestamp(start)
        .setAllAttributes(baton).startSpan();
    Context parent = Context.root().with(execution);
    Instant at = start;
    boolean failed = false;
    for (int s = 0; s < steps; s++) {
      long queueMs = random.nextLong(1, s == steps - 1 ? 400 : 40); // the last step waits for executors
      long runMs = random.nextLong(5, s == 1 ? 600 : 120);          // the second step is slow
      boolean error = random.nextInt(100) < 2;
      failed |= error;
      Instant dispatched = at.plusMillis(2);
      Instant picked = dispatched.plusMillis(queueMs);
      Instant done = picked.plusMillis(runMs);
      Span attempt = tracer.spanBuilder("baton.attempt").setParent(parent).setStartTimestamp(dispatched)
          .setAllAttributes(baton).setAttribute("baton.step", "step-" + s).setAttribute("baton.attempt", 1L)
          .setAttribute("baton.queue_ms", queueMs).setAttribute("baton.run_ms", runMs)
          .setAttribute("baton.backoff_ms", 0L).setAttribute("baton.handler", "noop").startSpan();
      Context inAttempt = Context.root().with(attempt);
      tracer.spanBuilder("baton.queue").setParent(inAttempt).setStartTimestamp(dispatched).startSpan().end(picked);
      Span run = tracer.spanBuilder("baton.run").setParent(inAttempt).setStartTimestamp(picked).startSpan();
      if (error) {
        run.setStatus(StatusCode.ERROR, "BOOM");
        attempt.setStatus(StatusCode.ERROR, "BOOM");
      }
      run.end(done);
      attempt.setAttribute("baton.outcome", error ? "failed" : "succeeded");
      attempt.end(done);
      at = done;
      if (error) {
        break;
      }
    }
    execution.setAttribute("baton.outcome", failed ? "failed" : "succeeded");
    if (failed) {
      execution.setStatus(StatusCode.ERROR, "step failed");
    }
    execution.end(at.plusMillis(3));
  }

  private final class Collector implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      collected.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
