package dev.baton.executor.orchestrator;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc.ExecutorServiceFutureStub;
import dev.baton.proto.internal.v1.RegisterExecutorRequest;
import dev.baton.proto.internal.v1.RegisterExecutorResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this executor (queues, handlers) to the orchestrator at start and every
 * {@link #REFRESH} after; a failed announcement is retried with backoff in the background, so the
 * executor runs even while the orchestrator is not up yet.
 */
public final class ExecutorRegistration {
  static final Duration REFRESH = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(ExecutorRegistration.class);
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  private final RegisterExecutorRequest request;
  private final ExecutorServiceFutureStub orchestrator;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), REFRESH);
  private volatile boolean stopped;
  private volatile boolean registeredOnce;
  private final java.util.concurrent.CountDownLatch firstRegistration = new java.util.concurrent.CountDownLatch(1);

  public ExecutorRegistration(RegisterExecutorRequest request, ExecutorServiceFutureStub orchestrator,
      ScheduledExecutorService scheduler) {
    this.request = Objects.requireNonNull(request, "request");
    this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** Waits until the orchestrator has acknowledged this executor once; false on timeout. */
  public boolean awaitRegistered(java.time.Duration timeout) throws InterruptedException {
    return firstRegistration.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public void start() {
    register();
  }

  public void stop() {
    stopped = true;
  }

  private void register() {
    if (stopped) {
      return;
    }
    Futures.addCallback(
        orchestrator.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).registerExecutor(request),
        new FutureCallback<RegisterExecutorResponse>() {
          @Override
          public void onSuccess(RegisterExecutorResponse response) {
            if (!registeredOnce) {
              registeredOnce = true;
              firstRegistration.countDown();
              log.info("registered executor {} with queues {} and handlers {}", request.getExecutorId(),
                  request.getTaskQueuesList(), request.getHandlersList());
            }
            backoff.reset();
            scheduleNext(REFRESH);
          }

          @Override
          public void onFailure(Throwable error) {
            Duration delay = backoff.next();
            log.warn("registering executor {} with the orchestrator failed ({}); retrying in {} ms. Tasks are "
                + "still consumed; check BATON_ORCHESTRATOR_TARGET if this persists", request.getExecutorId(),
                Status.fromThrowable(error), delay.toMillis());
            scheduleNext(delay);
          }
        },
        MoreExecutors.directExecutor());
  }

  private void scheduleNext(Duration delay) {
    if (stopped) {
      return;
    }
    try {
      scheduler.schedule(this::register, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down; no more announcements are wanted.
    }
  }
}
