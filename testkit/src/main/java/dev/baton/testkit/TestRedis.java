package dev.baton.testkit;

import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis integration tests use: the one at BATON_TEST_REDIS_URI [redis://127.0.0.1:6379] when it
 * answers (point it at a Redis of your own to keep tests that FLUSHALL off a shared one), else an
 * embedded one started once for this JVM. Tests share it: each uses a key prefix of its own.
 */
public final class TestRedis {
  private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
  private static String uri;

  private TestRedis() {}

  /** Its URI, e.g. "redis://127.0.0.1:6379"; starts the embedded one on first use when no Redis answers. */
  public static synchronized String uri() {
    if (uri == null) {
      String configured = Servers.setting("BATON_TEST_REDIS_URI").orElse("redis://127.0.0.1:6379");
      URI address = URI.create(configured);
      uri = Servers.answers(address.getHost(), address.getPort() == -1 ? 6379 : address.getPort())
          ? configured : startEmbedded(configured);
    }
    return uri;
  }

  /** The variables that point a Baton service at it, its keys under {@code keyPrefix} (BATON_REDIS_URI, _PREFIX). */
  public static Map<String, String> env(String keyPrefix) {
    return Map.of("BATON_REDIS_URI", uri(), "BATON_REDIS_PREFIX", keyPrefix);
  }

  private static String startEmbedded(String configured) {
    log.info("no Redis answers at {}; starting an embedded one for the tests of this JVM", configured);
    int port = Servers.freePort();
    // nothing on disk: tests only ever keep throw-away keys
    RedisServer server = RedisServer.builder().port(port).bind("127.0.0.1")
        .setting("save \"\"").setting("appendonly no").build();
    server.start();
    Servers.stopAtExit("redis", server::stop);
    return "redis://127.0.0.1:" + port;
  }
}
