package dev.baton.executor.run;

import com.google.protobuf.Duration;
import dev.baton.common.time.DurationParser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Enforces a task's start-to-close and heartbeat timeouts on this executor, so a hung handler is
 * stopped and reported as TIMEOUT without waiting for the orchestrator's lease to lapse.
 */
final class AttemptDeadlines {
  private final ScheduledExecutorService timers;
  private final BiConsumer<RunningTask, String> onTimeout;

  /** @param onTimeout called once per expired attempt with a message naming the timeout */
  AttemptDeadlines(ScheduledExecutorService timers, BiConsumer<RunningTask, String> onTimeout) {
    this.timers = timers;
    this.onTimeout = onTimeout;
  }

  void watch(RunningTask running) {
    long startToClose = millis(running.task().getStartToCloseTimeout());
    if (startToClose > 0) {
      running.addTimer(timers.schedule(
          () -> onTimeout.accept(running, "start-to-close timeout of "
              + format(startToClose) + " exceeded"),
          startToClose, TimeUnit.MILLISECONDS));
    }
    long heartbeat = millis(running.task().getHeartbeatTimeout());
    if (heartbeat > 0) {
      scheduleHeartbeatCheck(running, heartbeat, heartbeat);
    }
  }

  private void scheduleHeartbeatCheck(RunningTask running, long timeout, long delay) {
    running.addTimer(timers.schedule(() -> {
      long silent = running.millisSinceHeartbeat();
      if (silent >= timeout) {
        onTimeout.accept(running, "heartbeat timeout of " + format(timeout)
            + " exceeded (the handler did not call context.heartbeat() for " + format(silent) + ")");
      } else if (!running.isDecided()) {
        scheduleHeartbeatCheck(running, timeout, timeout - silent);
      }
    }, delay, TimeUnit.MILLISECONDS));
  }

  private static long millis(Duration d) {
    return d.getSeconds() * 1000 + d.getNanos() / 1_000_000;
  }

  private static String format(long millis) {
    return DurationParser.format(java.time.Duration.ofMillis(millis));
  }
}
