package dev.baton.dev;

import java.nio.file.Path;
import dev.baton.common.config.Env;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton dev}: the whole platform locally until Ctrl-C. */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = {"Run the whole platform locally until Ctrl-C (embedded PostgreSQL and Redis).",
        "Every service runs in this process; external PostgreSQL and Redis are used instead when",
        "BATON_PG_HOST / BATON_REDIS_URI are set. The example workflows are applied at start and",
        "one lead-pipeline execution is run (--no-example leaves it out)."})
public final class DevCommand implements Callable<Integer> {

  @Option(names = "--example", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run the example lead-pipeline once the platform is up (default: ${DEFAULT-VALUE}).")
  boolean example;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    LocalPlatform platform;
    try {
      platform = LocalPlatform.start(System.getenv());
    } catch (RuntimeException e) {
      // one line a person can act on; the cause chain is in the log above when it helps
      System.err.println("baton dev: could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nbaton dev: stopping...");
      platform.close();
      System.out.println("baton dev: stopped");
      stopped.countDown();
    }, "baton-dev-shutdown"));
    var env = platform.env();
    Path credentials = Path.of(new Env(env).string("BATON_DEV_DATA_DIR", ".baton")).resolve("credentials");
    platform.keys().writeCredentials(credentials);
    DashboardLink dashboard = DashboardLink.of(platform);
    System.out.printf("""
        baton dev: up in %.1fs
          orchestrator  grpc://%s   (WorkflowService, ExecutorService)
          progress-svc  http://localhost:%d   (gRPC, gRPC-Web and the dashboard)
          dashboard     %s
                        (signs this browser tab in with the default tenant's admin key; or paste a key)
          analytics-svc http://localhost:%d   (OTLP/gRPC traces of every service -> analytics.spans)
          executors     %d (queue: default)
          postgres      %s:%s/%s
          redis         %s
          lead provider %s
          workflows     %s
          API keys      %s (mode 0600; the CLI uses it when no --api-key / BATON_API_KEY is given)
        Try: bin/baton run lead-pipeline --input '{"audience": "CTOs of fintech startups in Berlin"}' --watch
        Ctrl-C stops everything.
        """, (System.nanoTime() - started) / 1e9, env.get("BATON_ORCHESTRATOR_TARGET"),
        platform.progress().port(), dashboard.signIn(),
        platform.analytics().port(), platform.executors().size(), env.get("BATON_PG_HOST"), env.get("BATON_PG_PORT"),
        env.get("BATON_PG_DATABASE"), env.get("BATON_REDIS_URI"), platform.provider().url(),
        "email-sequence, lead-pipeline", credentials);
    if (example && new Env(env).bool("BATON_DEV_EXAMPLES", true)) {
      new ExampleRun(platform.client(), System.out).start(dashboard);
    }
    stopped.await();
    return 0;
  }
}
