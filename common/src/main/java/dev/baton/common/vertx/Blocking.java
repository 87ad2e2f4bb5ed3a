package dev.baton.common.vertx;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Vert.x future from a thread that may block: a service's start and stop run on the
 * caller's thread (main, a test), never on an event loop.
 */
public final class Blocking {
  private Blocking() {}

  /**
   * The future's result, or an IllegalStateException saying {@code what} failed and why (its
   * cause attached) when it failed, took longer than {@code timeout} or the wait was interrupted.
   */
  public static <T> T await(Future<T> future, Duration timeout, String what) {
    CompletableFuture<T> done = new CompletableFuture<>();
    future.onComplete(done::complete, done::completeExceptionally);
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": no answer within " + timeout.toMillis() + " ms", e);
    }
  }
}
