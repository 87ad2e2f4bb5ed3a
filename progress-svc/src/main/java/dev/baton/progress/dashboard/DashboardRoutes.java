package dev.baton.progress.dashboard;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the dashboard (built by the web module into the classpath folder {@code dashboard/}) on
 * progress-svc's port: {@code /} and {@code /dashboard} redirect to {@code /dashboard/},
 * {@code /dashboard/config.json} tells the page where the orchestrator and analytics-svc are. These routes are open:
 * the page holds no data until it signs in with an API key, which decides the tenant. The page's own gRPC-Web
 * calls to progress-svc go to the same origin and never reach these routes.
 */
public final class DashboardRoutes implements Consumer<Router> {
  private static final Logger log = LoggerFactory.getLogger(DashboardRoutes.class);
  static final String ROOT = "/dashboard/";
  private static final String CLASSPATH_FOLDER = "dashboard";

  private final DashboardConfig config;

  public DashboardRoutes(DashboardConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public void accept(Router router) {
    if (DashboardRoutes.class.getClassLoader().getResource(CLASSPATH_FOLDER + "/index.html") == null) {
      log.warn("the dashboard's files are not on the classpath (baton-web jar missing?): {} answers 404; "
          + "the gRPC API is unaffected", ROOT);
    }
    router.get("/").handler(DashboardRoutes::redirect);
    // vertx-web matches "/dashboard" for "/dashboard/" too: only the bare path redirects, else
    // the page's relative URLs (app.js, config.json) would resolve against "/"
    router.get("/dashboard").handler(rc -> {
      if (rc.request().path().endsWith("/")) {
        rc.next();
      } else {
        redirect(rc);
      }
    });
    router.get(ROOT + "config.json").handler(this::config);
    router.get(ROOT + "*").handler(StaticHandler.create(CLASSPATH_FOLDER)
        // index.html must be re-read so that a redeployed dashboard is picked up at once;
        // the bundle is small enough not to need long caching
        .setCachingEnabled(false)
        .setIndexPage("index.html"));
  }

  private void config(RoutingContext rc) {
    rc.response().putHeader("cache-control", "no-store");
    // authority(): the Host header on HTTP/1.1, :authority on HTTP/2
    String requestHost = rc.request().authority() == null ? null : rc.request().authority().host();
    rc.json(new JsonObject()
        .put("orchestratorUrl", config.orchestratorUrlFor(requestHost))
        .put("analyticsUrl", config.analyticsUrlFor(requestHost)));
  }

  private static void redirect(RoutingContext rc) {
    rc.redirect(ROOT);
  }
}
