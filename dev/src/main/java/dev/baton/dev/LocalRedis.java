package dev.baton.dev;

import dev.baton.common.config.RedisConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** An embedded Redis server (keeps nothing on disk: Redis only ever holds copies in Baton). */
public final class LocalRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private LocalRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static LocalRedis start() {
    int port = freePort();
    RedisServer server = RedisServer.builder().port(port).bind("127.0.0.1")
        .setting("save \"\"").setting("appendonly no").build();
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not start embedded Redis on port " + port + ": " + e.getMessage(), e);
    }
    return new LocalRedis(server, port);
  }

  public RedisConfig config(String keyPrefix) {
    return new RedisConfig("redis://127.0.0.1:" + port, keyPrefix);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not stop embedded Redis: " + e.getMessage(), e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
