package dev.baton.dev;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server receiving webhooks: answers 200 and keeps every request; can go down and come back on its port. */
final class WebhookReceiver implements AutoCloseable {
  record Received(Map<String, String> headers, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final int port;
  private HttpServer server;

  private WebhookReceiver(int port) {
    this.port = port;
  }

  static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver(0);
    return receiver.listen(0);
  }

  /** Starts listening again on the port it had. */
  synchronized WebhookReceiver comeBack() {
    return listen(port());
  }

  /** Stops listening: connections to its port are refused until {@link #comeBack()}. */
  synchronized void goDown() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  private synchronized WebhookReceiver listen(int onPort) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("webhook receiver cannot listen on " + onPort, e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      received.add(new Received(headers, body));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    boundPort = server.getAddress().getPort();
    return this;
  }

  private volatile int boundPort;

  int port() {
    return boundPort;
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/hooks/baton";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    goDown();
  }
}
