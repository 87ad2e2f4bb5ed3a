package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.common.time.DurationParser;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import java.time.Duration;

/**
 * {@code sleep}: waits {@code duration} (input or config, e.g. "200ms"), heartbeating every second
 * and stopping when the attempt is cancelled. Output {@code {"sleptMs": n}}. For demos and tests of
 * long steps.
 */
public final class SleepHandler implements StepHandler {
  private static final long HEARTBEAT_MILLIS = 1000;

  @Override
  public String name() {
    return "sleep";
  }

  @Override
  public JsonNode handle(StepContext context) throws StepFailure, InterruptedException {
    String text = new StepFields(context).text("duration", null);
    if (text == null) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "duration: missing (expected: a duration like 500ms, 10s)");
    }
    Duration duration;
    try {
      duration = DurationParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "duration: " + e.getMessage());
    }
    long total = duration.toMillis();
    long slept = 0;
    while (slept < total) {
      if (context.isCancelled()) {
        throw StepFailure.retryable(BuiltinCode.CANCELLED.name(), "sleep cancelled after " + slept + "ms");
      }
      long chunk = Math.min(HEARTBEAT_MILLIS, total - slept);
      Thread.sleep(chunk);
      slept += chunk;
      context.heartbeat();
    }
    return Json.NODES.objectNode().put("sleptMs", slept);
  }
}
