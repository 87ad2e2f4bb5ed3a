package dev.baton.executor.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SleepHandlerTest {
  private final SleepHandler handler = new SleepHandler();

  @Test
  void sleepsForTheConfiguredDuration() throws Exception {
    JsonNode output = handler.handle(TestStepContext.of("{}", "{\"duration\":\"50ms\"}"));

    assertThat(output.get("sleptMs").asLong()).isEqualTo(50);
  }

  @Test
  void heartbeatsWhileSleepingLong() throws Exception {
    TestStepContext context = TestStepContext.of("{\"duration\":\"2100ms\"}");

    handler.handle(context);

    assertThat(context.heartbeats()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void stopsWhenCancelled() {
    TestStepContext context = TestStepContext.of("{\"duration\":\"1m\"}");
    Thread[] worker = new Thread[1];
    CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
      worker[0] = Thread.currentThread();
      try {
        return handler.handle(context);
      } catch (Exception e) {
        return e;
      }
    });
    await().until(() -> worker[0] != null);

    context.cancel();
    worker[0].interrupt();

    Object outcome = run.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(outcome).isInstanceOf(InterruptedException.class);
  }

  @Test
  void notInterruptedButCancelledStopsAtNextHeartbeat() {
    TestStepContext context = TestStepContext.of("{\"duration\":\"1m\"}");
    CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
      try {
        return handler.handle(context);
      } catch (Exception e) {
        return e;
      }
    });

    context.cancel();

    await().atMost(Duration.ofSeconds(3)).until(run::isDone);
    assertThat(run.join()).isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo("CANCELLED"));
  }

  @Test
  void badDurationIsInvalidInput() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"duration\":\"soon\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_INPUT");
          assertThat(f.getMessage()).startsWith("duration: 'soon'");
        });
  }
}
