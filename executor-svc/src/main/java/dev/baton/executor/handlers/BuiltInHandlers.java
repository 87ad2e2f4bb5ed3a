package dev.baton.executor.handlers;

import dev.baton.sdk.handler.StepHandler;
import java.util.List;

/** The handlers every executor provides, whatever else is on its classpath. */
public final class BuiltInHandlers {
  private BuiltInHandlers() {}

  public static List<StepHandler> all() {
    return List.of(new NoopHandler(), new SleepHandler(), new TransformHandler(), new HttpHandler());
  }
}
