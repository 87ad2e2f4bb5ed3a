package dev.baton.executor.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHandlerTest {
  private final HttpHandler handler = new HttpHandler();
  private final Map<String, String> received = new ConcurrentHashMap<>();
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/json", exchange -> {
      received.put("method", exchange.getRequestMethod());
      received.put("query", String.valueOf(exchange.getRequestURI().getRawQuery()));
      received.put("idempotency-key", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
      received.put("x-team", String.valueOf(exchange.getRequestHeaders().getFirst("X-Team")));
      received.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("X-Trace", "first");
      exchange.getResponseHeaders().add("X-Trace", "second");
      respond(exchange, 200, "{\"leads\":[1,2]}");
    });
    server.createContext("/text", exchange -> respond(exchange, 200, "plain words"));
    server.createContext("/unavailable", exchange -> respond(exchange, 503, "try later"));
    server.createContext("/missing", exchange -> respond(exchange, 404, "no such lead"));
    server.createContext("/throttled", exchange -> respond(exchange, 429, ""));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Test
  void postsJsonAndReturnsStatusLowerCaseHeadersAndParsedBody() throws Exception {
    JsonNode output = handler.handle(TestStepContext.of("{\"method\":\"post\",\"url\":\"" + base + "/json\","
        + "\"headers\":{\"X-Team\":\"growth\"},\"query\":{\"q\":\"a b\",\"n\":3},\"body\":{\"name\":\"Ada\"}}"));

    assertThat(output.get("status").asInt()).isEqualTo(200);
    assertThat(output.get("body").get("leads").toString()).isEqualTo("[1,2]");
    assertThat(output.get("headers").get("content-type").asText()).isEqualTo("application/json");
    assertThat(output.get("headers").get("x-trace").asText()).isEqualTo("first");
    assertThat(received).containsEntry("method", "POST")
        .containsEntry("query", "q=a+b&n=3")
        .containsEntry("x-team", "growth")
        .containsEntry("content-type", "application/json")
        .containsEntry("body", "{\"name\":\"Ada\"}");
  }

  @Test
  void sendsTheAttemptsIdempotencyKey() throws Exception {
    handler.handle(TestStepContext.of("{\"url\":\"" + base + "/json\"}"));

    assertThat(received).containsEntry("method", "GET").containsEntry("idempotency-key", "exec-1/step/1");
  }

  @Test
  void returnsNonJsonBodyAsText() throws Exception {
    JsonNode output = handler.handle(TestStepContext.of("{\"url\":\"" + base + "/text\"}"));

    assertThat(output.get("body").asText()).isEqualTo("plain words");
  }

  @Test
  void serverErrorIsRetryableAndNamesStatusAndUrl() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"url\":\"" + base + "/unavailable\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("HTTP_503");
          assertThat(f.retryable()).isTrue();
          assertThat(f.providerFault()).as("a 5xx counts towards the provider's breaker").isTrue();
          assertThat(f.getMessage()).contains("503").contains(base + "/unavailable").contains("try later");
        });
  }

  @Test
  void tooManyRequestsIsRetryable() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"url\":\"" + base + "/throttled\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("HTTP_429");
          assertThat(f.retryable()).isTrue();
          assertThat(f.providerFault()).as("throttling: the provider is up").isFalse();
        });
  }

  @Test
  void notFoundIsPermanent() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"url\":\"" + base + "/missing\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("HTTP_404");
          assertThat(f.retryable()).isFalse();
          assertThat(f.providerFault()).isFalse();
          assertThat(f.getMessage()).contains("GET " + base + "/missing answered 404");
        });
  }

  @Test
  void refusedConnectionIsRetryableConnectionError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/x";

    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"url\":\"" + url + "\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("HTTP_CONNECTION");
          assertThat(f.retryable()).isTrue();
          assertThat(f.providerFault()).isTrue();
          assertThat(f.getMessage()).contains(url);
        });
  }

  @Test
  void slowServerIsRetryableTimeout() {
    server.createContext("/slow", exchange -> {
      try {
        Thread.sleep(2000); // the server side must outlast the client's 200ms timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, 200, "late");
    });

    assertThatThrownBy(() -> handler.handle(
        TestStepContext.of("{\"url\":\"" + base + "/slow\",\"timeout\":\"200ms\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("HTTP_TIMEOUT");
          assertThat(f.retryable()).isTrue();
          assertThat(f.getMessage()).contains("200ms");
        });
  }

  @Test
  void missingUrlIsInvalidInput() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"method\":\"GET\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_INPUT");
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).startsWith("url:");
        });
  }

  @Test
  void unknownMethodIsInvalidInput() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"method\":\"FETCH\",\"url\":\"" + base + "\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_INPUT");
          assertThat(f.getMessage()).startsWith("method: 'FETCH'");
        });
  }
}
