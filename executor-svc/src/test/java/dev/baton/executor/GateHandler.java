package dev.baton.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** {@code gate}: blocks until the test opens it (or its thread is interrupted); contexts by idempotency key. */
final class GateHandler implements StepHandler {
  final Map<String, StepContext> started = new ConcurrentHashMap<>();
  final Map<String, Boolean> interrupted = new ConcurrentHashMap<>();
  private final CountDownLatch open = new CountDownLatch(1);

  void open() {
    open.countDown();
  }

  @Override
  public String name() {
    return "gate";
  }

  @Override
  public JsonNode handle(StepContext context) throws InterruptedException {
    started.put(context.idempotencyKey(), context);
    try {
      open.await();
    } catch (InterruptedException e) {
      interrupted.put(context.idempotencyKey(), true);
      throw e;
    }
    return Json.NODES.textNode("opened");
  }
}
