package dev.baton.examples.provider;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for an external lead data provider, for dev mode and tests, with switchable
 * faults so retries, timeouts and recovery rules can be exercised.
 *
 * <pre>
 * POST   /v1/leads/search  {role, industry, location, limit}  -> {"leads": [{id, name, email, title, company, location, industry}]}
 * POST   /admin/faults     {failureRate, latencyMs, failNext, status}  (absent fields: 0, 0, 0, 503)
 * DELETE /admin/faults     back to no faults
 * GET    /admin/stats      {requests, failures, replays}
 * </pre>
 *
 * <p>Leads are deterministic per query ({@link LeadGenerator}). A search carrying an
 * {@code Idempotency-Key} already answered successfully gets the same response again without
 * counting as a request. Failures answer {@code {"error": {"code", "message"}}}.
 */
public final class LeadProviderServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 7240;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final Vertx vertx;
  private final FaultInjector faults = new FaultInjector();
  private final IdempotencyCache answered = new IdempotencyCache();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong replays = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String host;
  private HttpServer http;

  private LeadProviderServer(Vertx vertx, String host) {
    this.vertx = vertx;
    this.host = host;
  }

  /** Starts on 127.0.0.1; port 0 picks a free port. Blocks until listening. */
  public static LeadProviderServer start(int port) {
    return start("127.0.0.1", port);
  }

  public static LeadProviderServer start(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, 0 = any free port)");
    }
    LeadProviderServer server = new LeadProviderServer(Vertx.vertx(), host);
    try {
      server.http = server.vertx.createHttpServer()
          .requestHandler(server.router())
          .listen(port, host)
          .await();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException("lead provider: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return http.actualPort();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:7240}; the lead-enrichment handler's providerUrl. */
  public String url() {
    boolean anyAddress = host.equals("0.0.0.0") || host.equals("::");
    return "http://" + (anyAddress ? "127.0.0.1" : host) + ":" + port();
  }

  /** Replaces the fault plan (what {@code POST /admin/faults} does). */
  public LeadProviderServer faults(Faults next) {
    faults.set(next);
    return this;
  }

  public Faults faults() {
    return faults.current();
  }

  public ProviderStats stats() {
    return new ProviderStats(requests.get(), failures.get(), replays.get());
  }

  /** Stops the server; safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      vertx.close().await();
    }
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.post("/v1/leads/search").handler(this::search);
    router.post("/admin/faults").handler(this::setFaults);
    router.delete("/admin/faults").handler(ctx -> {
      faults.set(Faults.NONE);
      json(ctx, 200, faults.current().toJson());
    });
    router.get("/admin/stats").handler(ctx -> json(ctx, 200, stats().toJson()));
    return router;
  }

  private void search(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key != null) {
      var replay = answered.get(key);
      if (replay.isPresent()) {
        replays.incrementAndGet();
        ctx.response().setStatusCode(replay.get().status())
            .putHeader("content-type", "application/json")
            .end(replay.get().body());
        return;
      }
    }
    requests.incrementAndGet();
    long latency = faults.current().latencyMs();
    if (latency > 0) {
      vertx.setTimer(latency, id -> answerSearch(ctx, key));
    } else {
      answerSearch(ctx, key);
    }
  }

  private void answerSearch(RoutingContext ctx, String key) {
    if (faults.nextRequestFails()) {
      int status = faults.current().status();
      failures.incrementAndGet();
      error(ctx, status, "INJECTED_FAULT", "fault injected by /admin/faults (status " + status + ")");
      return;
    }
    LeadQuery query;
    try {
      query = LeadQuery.fromJson(ctx.body().asJsonObject());
    } catch (IllegalArgumentException | DecodeException e) {
      failures.incrementAndGet();
      error(ctx, 400, "INVALID_QUERY", e.getMessage());
      return;
    }
    String body = new JsonObject().put("leads", LeadGenerator.leads(query)).encode();
    if (key != null) {
      answered.put(key, new IdempotencyCache.Response(200, body));
    }
    ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(body);
  }

  private void setFaults(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      faults.set(Faults.fromJson(body == null ? new JsonObject() : body));
      json(ctx, 200, faults.current().toJson());
    } catch (IllegalArgumentException | DecodeException e) {
      error(ctx, 400, "INVALID_FAULTS", e.getMessage());
    }
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  /** Runs the provider alone: {@code LeadProviderServer [port] [host]} (defaults 7240, 127.0.0.1). */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    LeadProviderServer server = start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "lead-provider-shutdown"));
    System.out.println("lead provider listening on " + server.url()
        + " (POST /v1/leads/search, POST|DELETE /admin/faults, GET /admin/stats)");
    stopped.await();
  }
}
