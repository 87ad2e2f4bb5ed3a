package dev.baton.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.common.telemetry.Telemetry;
import dev.baton.common.telemetry.TelemetryConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real ServiceServer with metrics: its gRPC calls show up in the Prometheus text at GET /metrics. */
class MetricsRouteTest {
  static Vertx vertx;
  static Telemetry telemetry;
  static ServiceServer server;
  static ServiceServer withoutMetrics;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    telemetry = Telemetry.start(TelemetryConfig.disabled("metrics-test"));
    ServerConfig config = new ServerConfig("127.0.0.1", 0, 1 << 20, List.of(), 100);
    server = await(ServiceServer.start(vertx, new ServiceServer.Spec("metrics-test", config).metrics(telemetry)));
    withoutMetrics = await(ServiceServer.start(vertx, new ServiceServer.Spec("plain-test", config)));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
    telemetry.close();
  }

  @Test
  void grpcCallsAreCountedByMethodAndCodeInTheScrapeOfTheServicesOwnPort() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(grpcWebHealthCheck(server).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> scrape = get(server, "/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(scrape.body()).contains("# TYPE grpc_server_handled_total counter",
        "# TYPE grpc_server_handling_seconds histogram");
    assertThat(sample(scrape.body(), "grpc_server_started_total", "grpc_method=\"Check\"")).isEqualTo(3.0);
    assertThat(sample(scrape.body(), "grpc_server_handled_total", "grpc_code=\"OK\"",
        "grpc_service=\"grpc.health.v1.Health\"", "grpc_type=\"unary\"")).isEqualTo(3.0);
    assertThat(sample(scrape.body(), "grpc_server_handling_seconds_count", "grpc_method=\"Check\"")).isEqualTo(3.0);
  }

  @Test
  void aServiceWithoutMetricsHasNoMetricsRoute() throws Exception {
    assertThat(get(withoutMetrics, "/metrics").statusCode()).isEqualTo(404);
  }

  /** The value of the one sample line of {@code name} that has all the given labels. */
  private static double sample(String text, String name, String... labels) {
    List<String> lines = text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> List.of(labels).stream().allMatch(line::contains))
        .toList();
    assertThat(lines).as("samples of %s with %s in:%n%s", name, List.of(labels), text).hasSize(1);
    String[] parts = lines.get(0).split(" ");
    return Double.parseDouble(parts[parts.length - 1]);
  }

  private static HttpResponse<String> grpcWebHealthCheck(ServiceServer target) throws Exception {
    byte[] emptyRequestFrame = {0, 0, 0, 0, 0};
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port()
            + "/grpc.health.v1.Health/Check"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(emptyRequestFrame))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1")
        .timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(ServiceServer target, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
