package dev.baton.bench;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Issues asynchronous unary calls with at most {@code limit} in flight, so thousands of starts or
 * cancels go out as fast as the server takes them without queueing thousands in the client.
 * Counts the calls that failed and keeps the first failure to report.
 */
final class CallWindow {
  private final int limit;
  private final Semaphore permits;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  CallWindow(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    this.limit = limit;
    this.permits = new Semaphore(limit);
  }

  /** Waits for a free slot, then issues the call; {@code onSuccess} runs on the transport's thread. */
  <T> void submit(Supplier<ListenableFuture<T>> call, Consumer<T> onSuccess) {
    permits.acquireUninterruptibly();
    ListenableFuture<T> future = call.get();
    future.addListener(() -> {
      try {
        onSuccess.accept(future.get());
      } catch (ExecutionException e) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        permits.release();
      }
    }, Runnable::run);
  }

  /** Returns once every submitted call has answered. */
  void awaitAll() {
    permits.acquireUninterruptibly(limit);
    permits.release(limit);
  }

  int failures() {
    return failures.get();
  }

  String firstFailure() {
    return firstFailure.get();
  }
}
