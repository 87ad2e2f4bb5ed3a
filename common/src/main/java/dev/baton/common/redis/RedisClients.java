package dev.baton.common.redis;

import dev.baton.common.config.RedisConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;

/** Builds Lettuce clients with the options every service uses (auto-reconnect, command timeout). */
public final class RedisClients {
  private RedisClients() {}

  public static RedisClient create(RedisConfig config) {
    RedisClient client = RedisClient.create(config.uri());
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
        .build());
    return client;
  }
}
