package dev.baton.executor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.internal.v1.Task;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepHandler;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task attempts on a worker pool bounded by the executor's concurrency. Queue readers reserve
 * slots before they read, so a task taken off a queue always starts at once. Each attempt ends in
 * exactly one way: its result goes to the result sink, or (cancelled, stopped at shutdown) nothing
 * is reported and the orchestrator's lease takes over.
 */
public final class TaskRunner {
  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  private final HandlerRegistry handlers;
  private final int concurrency;
  private final Semaphore slots;
  private final Consumer<TaskResult> results;
  private final AttemptDeadlines deadlines;
  private final AttemptGuard guard;
  private final Clock clock;
  private final Tracer tracer;
  private final AttemptMetrics metrics;
  private final ThreadPoolExecutor workers;
  private final Map<String, RunningTask> running = new ConcurrentHashMap<>();

  public TaskRunner(HandlerRegistry handlers, int concurrency, Consumer<TaskResult> results,
      ScheduledExecutorService timers, Clock clock, Tracer tracer, AttemptGuard guard, AttemptMetrics metrics) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.handlers = Objects.requireNonNull(handlers, "handlers");
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.results = Objects.requireNonNull(results, "results");
    this.deadlines = new AttemptDeadlines(Objects.requireNonNull(timers, "timers"), this::timeOut);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tracer = Objects.requireNonNull(tracer, "tracer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    AtomicInteger threadNumber = new AtomicInteger();
    // Slots bound the work, so the queue never holds more than a handful of not-yet-started tasks.
    this.workers = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "baton-step-" + threadNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.workers.allowCoreThreadTimeOut(true);
  }

  /**
   * Reserves between 1 and {@code max} slots, waiting up to {@code wait} for the first one.
   *
   * @return the number reserved; 0 when none became free in time
   */
  public int reserveSlots(int max, Duration wait) throws InterruptedException {
    if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return 0;
    }
    int reserved = 1;
    while (reserved < max && slots.tryAcquire()) {
      reserved++;
    }
    return reserved;
  }

  public void releaseSlots(int count) {
    slots.release(count);
  }

  /** Starts an attempt in a slot the caller reserved; the slot is freed when the handler returns. */
  public void run(Task task) {
    RunningTask attempt = new RunningTask(task, clock, tracer);
    if (running.putIfAbsent(attempt.id(), attempt) != null) {
      // its spans are left unended: an unended span is never exported, so the duplicate leaves no trace
      log.warn("task {} is delivered again while it still runs here; ignoring the second delivery "
          + "(the running attempt reports the result)", attempt.id());
      slots.release();
      return;
    }
    try {
      workers.execute(() -> execute(attempt));
    } catch (RejectedExecutionException e) {
      running.remove(attempt.id(), attempt);
      attempt.trace().stopped(clock.instant());
      slots.release();
      log.warn("task {} arrived while the executor stops; not running it: the orchestrator's lease "
          + "dispatches it again", attempt.id());
      return;
    }
    deadlines.watch(attempt);
  }

  private void execute(RunningTask attempt) {
    attempt.attach(Thread.currentThread());
    try {
      TaskResult result = attempt(attempt);
      finish(attempt, result);
    } finally {
      attempt.detach();
      Thread.interrupted(); // a late cancel must not leak into the next task on this thread
      slots.release();
    }
  }

  private TaskResult attempt(RunningTask attempt) {
    Task task = attempt.task();
    Optional<StepHandler> handler = handlers.find(task.getHandler());
    if (handler.isEmpty()) {
      return TaskOutcomes.failure(task.getTaskId(), BuiltinCode.HANDLER_NOT_FOUND.name(),
          "handler '" + task.getHandler() + "' is not provided by this executor (it has: "
              + String.join(", ", handlers.names()) + ")", false);
    }
    JsonNode input;
    JsonNode config;
    try {
      input = task.getInputJson().isEmpty() ? Json.NODES.nullNode() : Json.parse(task.getInputJson());
      config = task.getConfigJson().isEmpty() ? Json.NODES.objectNode() : Json.parse(task.getConfigJson());
    } catch (IllegalArgumentException e) {
      return TaskOutcomes.failure(task.getTaskId(), BuiltinCode.INVALID_INPUT.name(),
          "task input_json/config_json is not JSON: " + e.getMessage(), false);
    }
    try (Scope ignored = attempt.trace().runContext().makeCurrent()) {
      AttemptContext context = new AttemptContext(attempt, input, config, tracer);
      return TaskOutcomes.success(task.getTaskId(),
          guard.call(task, config, attempt::isCancelled, () -> handler.get().handle(context)));
    } catch (VirtualMachineError e) {
      finish(attempt, TaskOutcomes.thrown(task.getTaskId(), e));
      throw e;
    } catch (Throwable e) { // any other failure of user code fails the attempt, never the executor
      return TaskOutcomes.thrown(task.getTaskId(), e);
    }
  }

  private void finish(RunningTask attempt, TaskResult result) {
    if (attempt.decide()) {
      running.remove(attempt.id(), attempt);
      ended(attempt, AttemptMetrics.Outcome.of(result));
      attempt.trace().ended(result, clock.instant());
      results.accept(traced(TaskOutcomes.startedAt(result, attempt.startedAt()), attempt));
    }
  }

  private void timeOut(RunningTask attempt, String message) {
    if (attempt.decide()) {
      running.remove(attempt.id(), attempt);
      attempt.stopHandler();
      log.info("task {} ({}): {}", attempt.id(), attempt.task().getHandler(), message);
      TaskResult timedOut = TaskOutcomes.failure(attempt.id(), BuiltinCode.TIMEOUT.name(), message, true);
      ended(attempt, AttemptMetrics.Outcome.TIMED_OUT);
      attempt.trace().ended(timedOut, clock.instant());
      results.accept(traced(TaskOutcomes.startedAt(timedOut, attempt.startedAt()), attempt));
    }
  }

  private void ended(RunningTask attempt, AttemptMetrics.Outcome outcome) {
    metrics.ended(attempt.task().getHandler(), outcome, Duration.between(attempt.startedAt(), clock.instant()));
  }

  private static TaskResult traced(TaskResult result, RunningTask attempt) {
    return result.toBuilder().setTraceparent(attempt.trace().traceparent()).build();
  }

  /** Stops the given attempts and reports nothing for them (the orchestrator cancelled them). */
  public void cancel(Collection<String> taskIds) {
    for (String id : taskIds) {
      RunningTask attempt = running.get(id);
      if (attempt != null && attempt.decide()) {
        running.remove(id, attempt);
        attempt.stopHandler();
        ended(attempt, AttemptMetrics.Outcome.CANCELLED);
        attempt.trace().stopped(clock.instant());
        log.info("task {} cancelled by the orchestrator; stopping it, reporting nothing", id);
      }
    }
  }

  /** Stops every running attempt without reporting; returns their ids. */
  public List<String> cancelAll() {
    List<String> ids = runningTaskIds();
    cancel(ids);
    return ids;
  }

  /** Ids of the attempts whose outcome is still open (their leases need renewing). */
  public List<String> runningTaskIds() {
    return List.copyOf(running.keySet());
  }

  /** Attempts whose outcome is still open: the busy slots. */
  public int runningCount() {
    return running.size();
  }

  public int concurrency() {
    return concurrency;
  }

  /** Accepts no new attempts and waits up to {@code timeout} for the running ones to return. */
  public boolean drain(Duration timeout) throws InterruptedException {
    workers.shutdown();
    return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Interrupts every worker at once (after {@link #cancelAll()}, nothing they finish is reported). */
  public void shutdownNow() {
    workers.shutdownNow();
  }
}
