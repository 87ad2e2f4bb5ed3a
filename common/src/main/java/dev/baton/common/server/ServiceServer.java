package dev.baton.common.server;

import dev.baton.common.telemetry.PrometheusEndpoint;
import dev.baton.common.telemetry.Telemetry;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpcio.server.GrpcIoServer;
import io.vertx.grpcio.server.GrpcIoServiceBridge;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One port per service: gRPC (and gRPC-Web) for the API, plus HTTP {@code /healthz} (liveness)
 * and {@code /readyz} (every {@link ReadinessCheck} passes). The standard gRPC health service is
 * registered too. With {@link Spec#metrics} given, every gRPC call is counted and timed
 * ({@link GrpcServerMetrics}) and {@code GET /metrics} serves the service's Prometheus scrape. With CORS origins configured, every request passes a CORS handler first so that
 * dashboards on other origins can call the API over gRPC-Web. Start with {@link #start};
 * {@link #close} is safe to call twice.
 */
public final class ServiceServer {
  private static final Logger log = LoggerFactory.getLogger(ServiceServer.class);

  private final String name;
  private final HttpServer http;
  private final HealthStatusManager health;
  private volatile boolean closed;

  private ServiceServer(String name, HttpServer http, HealthStatusManager health) {
    this.name = name;
    this.http = http;
    this.health = health;
  }

  /** What a service serves; built by the service's wiring. */
  public static final class Spec {
    private final String name;
    private final ServerConfig config;
    private final List<BindableService> services = new ArrayList<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private final List<ReadinessCheck> checks = new ArrayList<>();
    private Consumer<Router> routes = r -> {};
    private Telemetry telemetry;

    public Spec(String name, ServerConfig config) {
      this.name = Objects.requireNonNull(name, "name");
      this.config = Objects.requireNonNull(config, "config");
    }

    public Spec service(BindableService service) {
      services.add(service);
      return this;
    }

    public Spec interceptor(ServerInterceptor interceptor) {
      interceptors.add(interceptor);
      return this;
    }

    /** Several interceptors, in list order (as {@link #interceptor} one by one). */
    public Spec interceptors(List<ServerInterceptor> more) {
      interceptors.addAll(more);
      return this;
    }

    public Spec readiness(ReadinessCheck check) {
      checks.add(check);
      return this;
    }

    /** Counts the gRPC calls in the service's meter and serves its metrics at {@code GET /metrics}. */
    public Spec metrics(Telemetry serviceTelemetry) {
      telemetry = Objects.requireNonNull(serviceTelemetry, "serviceTelemetry");
      return this;
    }

    /** Extra HTTP routes (e.g. a dashboard); they take precedence over gRPC for their paths. */
    public Spec routes(Consumer<Router> extraRoutes) {
      routes = Objects.requireNonNull(extraRoutes, "extraRoutes");
      return this;
    }
  }

  /**
   * HTTP/2 flow-control window of each call and of the connection, as grpc-java servers have it. With
   * HTTP/2's 64 KiB a client sending a larger message (an OTLP export of 512 spans is ~130 KiB) stops
   * until the event loop, busy with other calls, returns a WINDOW_UPDATE: measured, that stall held
   * analytics-svc's ingest at 15k spans/s with the CPUs 30% idle (35k with this window). A call's
   * message is bounded by BATON_MAX_MESSAGE_BYTES whatever the window.
   */
  static final int FLOW_CONTROL_WINDOW = 1024 * 1024;

  public static Future<ServiceServer> start(Vertx vertx, Spec spec) {
    HealthStatusManager health = new HealthStatusManager();
    GrpcIoServer grpc = GrpcIoServer.server(vertx,
        new GrpcServerOptions().setMaxMessageSize(spec.config.maxMessageBytes()));
    List<ServerInterceptor> interceptors = new ArrayList<>(spec.interceptors);
    List<ServerInterceptor> healthInterceptors = new ArrayList<>();
    if (spec.telemetry != null) {
      // last in the list runs first: the metrics see every call, also those an interceptor rejects
      GrpcServerMetrics metrics = new GrpcServerMetrics(spec.telemetry.meter());
      interceptors.add(metrics);
      healthInterceptors.add(metrics);
    }
    for (BindableService service : spec.services) {
      GrpcIoServiceBridge.bridge(ServerInterceptors.intercept(service, interceptors)).bind(grpc);
    }
    GrpcIoServiceBridge.bridge(ServerInterceptors.intercept(health.getHealthService(), healthInterceptors)).bind(grpc);

    Router router = Router.router(vertx);
    Optional<CorsPolicy> cors = CorsPolicy.of(spec.config.corsOrigins());
    // preflights (OPTIONS) and plain HTTP routes; gRPC calls never pass the router (see route)
    cors.ifPresent(policy -> router.route().handler(policy.preflightHandler()));
    router.get("/healthz").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    router.get("/readyz").handler(rc -> {
      List<Future<Void>> probes = spec.checks.stream().map(ReadinessCheck::check).toList();
      Future.join(probes).onComplete(ar -> {
        JsonObject body = new JsonObject();
        for (int i = 0; i < probes.size(); i++) {
          Future<Void> p = probes.get(i);
          body.put(spec.checks.get(i).name(), p.succeeded() ? "UP" : "DOWN: " + p.cause().getMessage());
        }
        rc.response().setStatusCode(ar.succeeded() ? 200 : 503);
        rc.json(body);
      });
    });
    if (spec.telemetry != null) {
      PrometheusEndpoint prometheus = spec.telemetry.prometheus();
      // a scrape reads the observable gauges, some of which ask Redis or the pool: not on the event loop
      router.get("/metrics").handler(rc -> vertx.executeBlocking(prometheus::scrape, false).onComplete(ar -> {
        if (ar.succeeded()) {
          rc.response().putHeader("content-type", prometheus.contentType()).end(Buffer.buffer(ar.result()));
        } else {
          log.warn("{}: collecting metrics for a scrape failed", spec.name, ar.cause());
          rc.fail(ar.cause());
        }
      }));
    }
    spec.routes.accept(router);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(spec.config.host())
        .setPort(spec.config.port())
        .setHttp2ClearTextEnabled(true)
        .setHttp2ConnectionWindowSize(FLOW_CONTROL_WINDOW)
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(spec.config.maxConcurrentStreams())
            .setInitialWindowSize(FLOW_CONTROL_WINDOW));
    return vertx.createHttpServer(options)
        .requestHandler(req -> route(req, grpc, router, cors))
        .listen()
        .map(http -> {
          health.setStatus("", ServingStatus.SERVING);
          log.info("{} listening on {}:{} (gRPC, gRPC-Web, HTTP){}", spec.name, spec.config.host(), http.actualPort(),
              cors.isPresent() ? "; CORS origins " + spec.config.corsOrigins() : "");
          return new ServiceServer(spec.name, http, health);
        });
  }

  /**
   * gRPC calls go straight to the gRPC server, with the CORS headers a browser on an allowed origin
   * needs: the router has nothing else to add to them, and it would pause each one until a handler
   * asks for its body (vertx-web >= 4.3).
   */
  private static void route(HttpServerRequest req, GrpcIoServer grpc, Router router, Optional<CorsPolicy> cors) {
    if (isGrpc(req)) {
      cors.ifPresent(policy -> policy.addResponseHeaders(req));
      grpc.handle(req);
    } else {
      router.handle(req);
    }
  }

  /** gRPC, gRPC-Web binary and text all use content types starting with application/grpc. */
  private static boolean isGrpc(HttpServerRequest req) {
    String contentType = req.getHeader("content-type");
    return contentType != null && contentType.startsWith("application/grpc");
  }

  public int port() {
    return http.actualPort();
  }

  public String name() {
    return name;
  }

  /** Marks the service NOT_SERVING for health checkers, then stops listening. Idempotent. */
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    health.enterTerminalState();
    return http.close();
  }
}
