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
}
