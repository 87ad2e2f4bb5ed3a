package dev.baton.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TestStepContextTest {

  /** Waits for a cancel, heartbeating meanwhile; the shape of a long-running handler. */
  private static final StepHandler PATIENT = new StepHandler() {
    @Override
    public String name() {
      return "patient";
    }

    @Override
    public JsonNode handle(dev.baton.sdk.handler.StepContext ctx) throws Exception {
      while (!ctx.isCancelled()) {
        ctx.heartbeat();
        Thread.sleep(5); // a step's work between heartbeats
      }
      throw StepFailure.retryable("CANCELLED", "stopped at " + ctx.idempotencyKey());
    }
  };

  @Test
  void defaultsAreTheFirstAttemptOfAStepOutsideAForEach() {
    TestStepContext ctx = TestStepContext.of("{\"name\": \"Ada\"}");

    assertThat(ctx.input().path("name").asText()).isEqualTo("Ada");
    assertThat(ctx.config().isObject()).isTrue();
    assertThat(ctx.config().size()).isZero();
    assertThat(ctx.provider()).isEmpty();
    assertThat(ctx.tenantId()).isEqualTo("default");
    assertThat(ctx.executionId()).isEqualTo("exec-1");
    assertThat(ctx.workflowName()).isEqualTo("test-workflow");
    assertThat(ctx.stepId()).isEqualTo("step");
    assertThat(ctx.itemIndex()).isEqualTo(-1);
    assertThat(ctx.attempt()).isEqualTo(1);
    assertThat(ctx.idempotencyKey()).isEqualTo("exec-1/step/1");
    assertThat(ctx.isCancelled()).isFalse();
    assertThat(ctx.heartbeats()).isZero();
  }

  @Test
  void theIdempotencyKeyIsBuiltAsBatonBuildsItUnlessSet() {
    TestStepContext item = TestStepContext.builder().executionId("e-7").stepId("enrich").itemIndex(2).attempt(3)
        .build();
    TestStepContext set = TestStepContext.builder().idempotencyKey("fixed").attempt(3).build();

    assertThat(item.idempotencyKey()).isEqualTo("e-7/enrich[2]/3");
    assertThat(set.idempotencyKey()).isEqualTo("fixed");
  }

  @Test
  void configNamesTheProvider() {
    TestStepContext ctx = TestStepContext.builder().config("{\"provider\": \"backup\"}").build();

    assertThat(ctx.provider()).hasValue("backup");
  }

  @Test
  void aHandlerOnAnotherThreadSeesTheCancelAndItsHeartbeatsAreCounted() throws Exception {
    TestStepContext ctx = TestStepContext.builder().stepId("wait").build();
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        PATIENT.handle(ctx);
        return null;
      } catch (Exception e) {
        return e;
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> ctx.heartbeats() > 0);

    ctx.cancel();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(StepFailure.class)
        .hasMessage("stopped at exec-1/wait/1");
    assertThat(ctx.isCancelled()).isTrue();
    assertThat(ctx.heartbeats()).isPositive();
  }

  @Test
  void badSettingsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> TestStepContext.builder().input("{name: Ada"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("input: not JSON");
    assertThatThrownBy(() -> TestStepContext.builder().attempt(0))
        .hasMessage("attempt: 0 (expected: >= 1)");
    assertThatThrownBy(() -> TestStepContext.builder().itemIndex(-2))
        .hasMessage("itemIndex: -2 (expected: >= -1)");
  }
}
