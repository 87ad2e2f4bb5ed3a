package dev.baton.progress;

import dev.baton.common.server.HealthOnlyService;

/** Runs progress-svc (BATON_PROGRESS_PORT, default 7234). Health endpoints only until WatchExecution lands. */
public final class ProgressMain {
  public static final int DEFAULT_PORT = 7234;

  private ProgressMain() {}

  public static void main(String[] args) {
    HealthOnlyService.runUntilTerminated("progress", "BATON_PROGRESS", DEFAULT_PORT);
  }
}
