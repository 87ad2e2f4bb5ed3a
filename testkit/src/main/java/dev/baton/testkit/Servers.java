package dev.baton.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;

/** What the fixtures need to know about servers: which settings point where, and who answers. */
final class Servers {
  private static final int CONNECT_TIMEOUT_MS = 300;

  private Servers() {}

  /** An environment variable (the way to point every fork of a test run elsewhere), or empty. */
  static Optional<String> setting(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for an embedded server: " + e.getMessage(), e);
    }
  }

  /** Stops an embedded server when the test JVM exits (servers are shared by every test of a fork). */
  static void stopAtExit(String what, Runnable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "testkit-stop-" + what));
  }
}
