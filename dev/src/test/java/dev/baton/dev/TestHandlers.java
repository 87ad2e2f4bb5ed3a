package dev.baton.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;

/** Step handlers the integration tests use, loaded by executors through ServiceLoader like any other. */
public final class TestHandlers {
  private TestHandlers() {}

  /** Always fails with config.code and config.message (default "attempt n failed on purpose"); config.retryable (default true). */
  public static final class Fail implements StepHandler {
    @Override
    public String name() {
      return "test-fail";
    }

    @Override
    public JsonNode handle(StepContext context) throws StepFailure {
      throw new StepFailure(context.config().path("code").asText("BOOM"),
          context.config().path("message").asText("attempt " + context.attempt() + " failed on purpose"),
          context.config().path("retryable").asBoolean(true));
    }
  }

  /** Echoes its input with the attempt and idempotency key, for assertions on what the handler saw. */
  public static final class Echo implements StepHandler {
    @Override
    public String name() {
      return "test-echo";
    }

    @Override
    public JsonNode handle(StepContext context) {
      return Json.MAPPER.createObjectNode()
          .put("attempt", context.attempt())
          .put("idempotencyKey", context.idempotencyKey())
          .set("input", context.input());
    }
  }

  /** Fails its first config.failures attempts (retryable, code FLAKY), then echoes its attempt. */
  public static final class Flaky implements StepHandler {
    @Override
    public String name() {
      return "test-flaky";
    }

    @Override
    public JsonNode handle(StepContext context) throws StepFailure {
      if (context.attempt() <= context.config().path("failures").asInt(1)) {
        throw new StepFailure("FLAKY", "attempt " + context.attempt() + " failed on purpose", true);
      }
      return Json.MAPPER.createObjectNode().put("attempt", context.attempt());
    }
  }

  /**
   * Counts its calls per execution and step ({@link #calls}), so that tests can prove a step did or
   * did not run. Fails with code INVALID (not retryable) when its input says {@code valid: false},
   * and with FLAKY (retryable) on attempts up to config.failures (default 0); else echoes its input
   * and attempt. Executors of the dev platform run in the test's JVM, so the counts are shared.
   */
  public static final class Counted implements StepHandler {
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger>
        CALLS = new java.util.concurrent.ConcurrentHashMap<>();

    /** How many times the step of the execution ran (any attempt). */
    public static int calls(String executionId, String stepId) {
      var count = CALLS.get(executionId + "/" + stepId);
      return count == null ? 0 : count.get();
    }

    @Override
    public String name() {
      return "test-counted";
    }

    @Override
    public JsonNode handle(StepContext context) throws StepFailure {
      CALLS.computeIfAbsent(context.executionId() + "/" + context.stepId(),
          k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
      if (context.input().path("valid").isBoolean() && !context.input().path("valid").asBoolean()) {
        throw new StepFailure("INVALID", "input is not valid", false);
      }
      if (context.attempt() <= context.config().path("failures").asInt(0)) {
        throw new StepFailure("FLAKY", "attempt " + context.attempt() + " failed on purpose", true);
      }
      return Json.MAPPER.createObjectNode().put("attempt", context.attempt()).set("input", context.input());
    }
  }
}
