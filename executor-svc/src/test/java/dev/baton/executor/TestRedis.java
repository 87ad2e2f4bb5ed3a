package dev.baton.executor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import redis.embedded.RedisServer;

/** The Redis the tests use: the machine's on 127.0.0.1:6379 when it runs, else an embedded one for this JVM. */
public final class TestRedis {
  private static String uri;

  private TestRedis() {}

  public static synchronized String uri() {
    if (uri == null) {
      uri = reachable(6379) ? "redis://127.0.0.1:6379" : startEmbedded();
    }
    return uri;
  }

  private static String startEmbedded() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for embedded Redis", e);
    }
    RedisServer server = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").build();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-redis-stop"));
    return "redis://127.0.0.1:" + port;
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
