package dev.baton.executor.circuit;

import dev.baton.common.config.RedisConfig;
import dev.baton.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;

/** Breakers in the test Redis under a fresh key prefix (no test sees another's keys, nothing is flushed). */
final class RedisBreakers implements AutoCloseable {
  final RedisConfig keys = new RedisConfig(TestRedis.uri(), "cb-test-" + UUID.randomUUID().toString().substring(0, 8));
  final RedisClient client = RedisClient.create(TestRedis.uri());
  final StatefulRedisConnection<String, String> connection = client.connect();
  final CircuitBreakers breakers = new CircuitBreakers(keys, connection);

  @Override
  public void close() {
    connection.close();
    try (StatefulRedisConnection<String, String> cleanup = client.connect()) { // the test may have closed its own
      var found = cleanup.sync().keys(keys.keyPrefix() + ":*");
      if (!found.isEmpty()) {
        cleanup.sync().del(found.toArray(String[]::new));
      }
    }
    client.shutdown();
  }
}
