package dev.baton.common.redis;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Locale;

/**
 * Counts Redis commands that failed (connection lost, timeout, error reply), by command. The
 * callers count where they already handle the failure, so a command name is one of a fixed few.
 */
public final class RedisCommandErrors {
  private static final AttributeKey<String> COMMAND = AttributeKey.stringKey("command");

  private final LongCounter errors;

  public RedisCommandErrors(Meter meter) {
    errors = meter.counterBuilder("baton.redis.command.errors").setUnit("{command}")
        .setDescription("Redis commands that failed, by command").build();
  }

  public void record(String command) {
    errors.add(1, Attributes.of(COMMAND, command.toUpperCase(Locale.ROOT)));
  }
}
