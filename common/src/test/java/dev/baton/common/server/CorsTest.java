package dev.baton.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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

/** A real ServiceServer with CORS origins: preflights and gRPC-Web calls as a browser makes them. */
class CorsTest {
  static final String ALLOWED = "http://dashboard.example:7234";
  static final String HEALTH_CHECK = "/grpc.health.v1.Health/Check";

  static Vertx vertx;
  static ServiceServer corsServer;
  static ServiceServer plainServer;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    corsServer = await(ServiceServer.start(vertx,
        new ServiceServer.Spec("cors-test", new ServerConfig("127.0.0.1", 0, 1 << 20, List.of(ALLOWED), 100))));
    plainServer = await(ServiceServer.start(vertx,
        new ServiceServer.Spec("plain-test", new ServerConfig("127.0.0.1", 0, 1 << 20, List.of(), 100))));
    // the JDK's client (HTTP/1.1, as a browser speaks to an http:// origin): the Vert.x client,
    // pooled or not, now and then never completed this class's allowed-origin gRPC-Web call
    // (10 s timeout, ~1 run in 5) while curl and this client always got the response
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void aPreflightFromAnAllowedOriginGetsTheGrpcWebHeaders() throws Exception {
    Reply reply = preflight(corsServer, ALLOWED);
    assertThat(reply.status).isBetween(200, 204);
    assertThat(reply.headers.get("access-control-allow-origin")).isEqualTo(ALLOWED);
    assertThat(lowerCaseList(reply.headers.get("access-control-allow-headers")))
        .contains("content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "authorization");
    assertThat(reply.headers.get("access-control-allow-methods")).contains("POST");
  }

  @Test
  void aPreflightFromAnotherOriginGetsNoAllowHeaders() throws Exception {
    Reply reply = preflight(corsServer, "http://evil.example");
    assertThat(reply.headers.get("access-control-allow-origin")).isNull();
    assertThat(reply.status).isEqualTo(403);
  }

  @Test
  void aGrpcWebCallFromAnAllowedOriginReachesTheServiceAndExposesTheStatus() throws Exception {
    Reply reply = grpcWebHealthCheck(corsServer, ALLOWED);
    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.headers.get("content-type")).startsWith("application/grpc-web");
    assertThat(reply.headers.get("access-control-allow-origin")).isEqualTo(ALLOWED);
    assertThat(lowerCaseList(reply.headers.get("access-control-expose-headers"))).contains("grpc-status", "grpc-message");
    // the message frame (flag 0) of a HealthCheckResponse{status: SERVING}: field 1 varint 1
    assertThat(reply.body.getByte(0)).isEqualTo((byte) 0);
    assertThat(reply.body.getBytes(5, 7)).containsExactly(0x08, 0x01);
  }

  @Test
  void aGrpcWebCallFromAnotherOriginGetsNoAllowOrigin() throws Exception {
    Reply reply = grpcWebHealthCheck(corsServer, "http://evil.example");
    assertThat(reply.headers.get("access-control-allow-origin")).isNull();
  }

  @Test
  void withoutOriginsTheServerSendsNoCorsHeadersAndGrpcWebStillWorksSameOrigin() throws Exception {
    Reply preflight = preflight(plainServer, ALLOWED);
    assertThat(preflight.headers.get("access-control-allow-origin")).isNull();
    Reply call = grpcWebHealthCheck(plainServer, ALLOWED);
    assertThat(call.status).isEqualTo(200);
    assertThat(call.headers.get("access-control-allow-origin")).isNull();
  }

  private static Reply preflight(ServiceServer server, String origin) throws Exception {
    return send(server, new RequestOptions().setMethod(HttpMethod.OPTIONS).setURI(HEALTH_CHECK)
        .putHeader("origin", origin)
        .putHeader("access-control-request-method", "POST")
        .putHeader("access-control-request-headers", "content-type,x-grpc-web,x-user-agent,authorization"),
        Buffer.buffer());
  }

  private static Reply grpcWebHealthCheck(ServiceServer server, String origin) throws Exception {
    // one uncompressed frame holding an empty HealthCheckRequest
    Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(0);
    return send(server, new RequestOptions().setMethod(HttpMethod.POST).setURI(HEALTH_CHECK)
        .putHeader("origin", origin)
        .putHeader("content-type", "application/grpc-web+proto")
        .putHeader("x-grpc-web", "1"), frame);
  }

  private static Reply send(ServiceServer server, RequestOptions options, Buffer body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + options.getURI()))
        .method(options.getMethod().name(), HttpRequest.BodyPublishers.ofByteArray(body.getBytes()))
        .timeout(Duration.ofSeconds(10));
    options.getHeaders().forEach(header -> request.header(header.getKey(), header.getValue()));
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    response.headers().map().forEach(headers::add);
    return new Reply(response.statusCode(), headers, Buffer.buffer(response.body()));
  }

  private static List<String> lowerCaseList(String header) {
    assertThat(header).isNotNull();
    return List.of(header.toLowerCase().split("\\s*,\\s*"));
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class Reply {
    final int status;
    final MultiMap headers;
    final Buffer body;

    Reply(int status, MultiMap headers, Buffer body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }
}
