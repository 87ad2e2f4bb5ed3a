package dev.baton.bench;

import dev.baton.common.config.Env;
import dev.baton.common.config.PostgresConfig;
import dev.baton.dev.DevKeys;
import io.vertx.core.Vertx;
import dev.baton.analytics.AnalyticsMain;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import dev.baton.proto.v1.StepReport;
import dev.baton.sdk.client.BatonClient;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * analytics-svc under load: OTLP ingest throughput (spans/s) from several OtlpGrpcSpanExporters
 * into one analytics-svc in a JVM of its own, its heap after a full GC, how fast the rollup job
 * catches up, and how long GetBottleneckReport takes over an hour holding all those attempts.
 * Runs against the machine's PostgreSQL (127.0.0.1:5432, user postgres) in a fresh database that
 * is dropped at the end.
 */
@Command(name = "bench-analytics", mixinStandardHelpOptions = true,
    description = "OTLP ingest throughput and heap of analytics-svc, rollup catch-up, bottleneck report latency.")
public final class AnalyticsBenchmark implements Callable<Integer> {
  private static final String WORKFLOW = "bench-chain";
  private DevKeys keys;

  @Option(names = "--exporters", description = "OtlpGrpcSpanExporters sending at once, one request in flight each "
      + "(default: ${DEFAULT-VALUE}).")
  int exporters = 4;

  @Option(names = "--duration", description = "Length of the ingest phase (default: ${DEFAULT-VALUE}).",
      converter = ProgressBenchmark.DurationConverter.class)
  Duration duration = Duration.ofSeconds(60);

  @Option(names = "--steps", description = "Steps per synthetic execution; 1 + 3 x steps spans each "
      + "(default: ${DEFAULT-VALUE}).")
  int steps = 5;

  @Option(names = "--spans-per-request", description = "About this many spans per export request "
      + "(default: ${DEFAULT-VALUE}, the SDK's batch size).")
  int spansPerRequest = 512;

  @Option(names = "--analytics-heap", description = "-Xmx of the analytics-svc JVM (default: ${DEFAULT-VALUE}).")
  String analyticsHeap = "512m";

  @Option(names = "--analytics-jvm-option", description = "Extra JVM option of the analytics-svc JVM (repeatable).")
  List<String> analyticsJvmOptions = List.of();

  @Option(names = "--reports", description = "GetBottleneckReport calls timed at the end (default: ${DEFAULT-VALUE}).")
  int reports = 5;

  @Option(names = "--rollup-timeout", description = "How long to wait for the rollups to catch up "
      + "(default: ${DEFAULT-VALUE}).", converter = ProgressBenchmark.DurationConverter.class)
  Duration rollupTimeout = Duration.ofMinutes(30);

  public static void main(String[] args) {
    System.exit(new CommandLine(new AnalyticsBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String database = "baton_bench_analytics_" + UUID.randomUUID().toString().substring(0, 8);
    admin("CREATE DATABASE " + database);
    Map<String, String> env = new HashMap<>(Map.of("BATON_PG_HOST", "127.0.0.1", "BATON_PG_PORT", "5432",
        "BATON_PG_DATABASE", database, "BATON_PG_USER", "postgres"));
    // keys before analytics-svc starts: its key ring loads them at start
    Vertx vertx = Vertx.vertx();
    keys = DevKeys.create(vertx, PostgresConfig.from(new Env(env)));
    try (ServiceProcess analytics = ServiceProcess.start("analytics-svc", AnalyticsMain.class, "BATON_ANALYTICS", env,
        analyticsHeap, analyticsJvmOptions, Duration.ofSeconds(60));
         Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")) {
      System.out.printf("settings: exporters=%d duration=%ds steps=%d spans/request~%d analytics-heap=%s %s; "
          + "load average %s%n", exporters, duration.toSeconds(), steps, spansPerRequest, analyticsHeap,
          analyticsJvmOptions, BenchEnvironment.loadAverage());
      ingest(analytics, db, database);
      rollUp(analytics, db);
      report(analytics);
    } finally {
      keys.close();
      vertx.close();
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    return 0;
  }

  private void ingest(ServiceProcess analytics, Connection db, String database) throws Exception {
    AtomicLong accepted = new AtomicLong();
    IngestCpu cpuBefore = IngestCpu.now(analytics.pid(), db, database);
    AtomicLong refused = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < exporters; i++) {
      long seed = i;
      Thread thread = new Thread(() -> {
        SyntheticTraces traces = new SyntheticTraces(WORKFLOW, steps, 55, seed);
        int perRequest = Math.max(1, spansPerRequest / traces.spansPerExecution());
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://" + analytics.target()).setTimeout(Duration.ofSeconds(30))
            .addHeader("authorization", "Bearer " + keys.ingestSecret()).build();
        try {
          while (System.nanoTime() < deadline) {
            List<SpanData> batch = traces.next(perRequest);
            CompletableResultCode result = exporter.export(batch).join(60, TimeUnit.SECONDS);
            (result.isSuccess() ? accepted : refused).addAndGet(batch.size());
          }
        } finally {
          exporter.shutdown().join(10, TimeUnit.SECONDS);
        }
      }, "exporter-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    IngestCpu cpu = IngestCpu.now(analytics.pid(), db, database).minus(cpuBefore);
    JvmHeap heap = JvmHeap.afterGc(analytics.pid());
    long stored = count(db, "SELECT count(*) FROM analytics.spans");
    System.out.printf("ingest: %d spans accepted in %.1f s = %.0f spans/s (%d refused); %d rows stored%n",
        accepted.get(), seconds, accepted.get() / seconds, refused.get(), stored);
    System.out.printf("ingest CPU per 1,000 spans: %s; load average at the end %s%n", cpu.perThousand(accepted.get()),
        BenchEnvironment.loadAverage());
    System.out.printf("analytics-svc heap after GC at the end of ingest: %s%n", describe(heap));
  }

  private void rollUp(ServiceProcess analytics, Connection db) throws SQLException {
    long started = System.nanoTime();
    long deadline = started + rollupTimeout.toNanos();
    long pending;
    while ((pending = count(db, "SELECT count(*) FROM analytics.spans WHERE name = 'baton.execution' "
        + "AND rolled_up_at IS NULL")) > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long executions = count(db, "SELECT coalesce(sum(executions), 0) FROM analytics.execution_rollups");
    long attempts = count(db, "SELECT coalesce(sum(attempts), 0) FROM analytics.step_rollups");
    System.out.printf("rollups: caught up %.1f s after ingest ended (%d still pending); %d executions, %d attempts "
        + "rolled up; %d step rollup rows%n", seconds, pending, executions, attempts,
        count(db, "SELECT count(*) FROM analytics.step_rollups"));
    System.out.printf("analytics-svc heap after GC after the rollups: %s%n", describe(JvmHeap.afterGc(analytics.pid())));
  }

  private void report(ServiceProcess analytics) {
    try (BatonClient client = BatonClient.connect(analytics.target(), keys.tenantAdmin())) {
      List<Double> millis = new ArrayList<>();
      BottleneckReport last = null;
      for (int i = 0; i < reports; i++) {
        long start = System.nanoTime();
        last = client.analytics().getBottleneckReport(GetBottleneckReportRequest.newBuilder().setWorkflow(WORKFLOW)
            .setWindow(com.google.protobuf.Duration.newBuilder().setSeconds(3600)).build());
        millis.add((System.nanoTime() - start) / 1e6);
      }
      long attempts = last.getStepsList().stream().mapToLong(StepReport::getAttempts).sum();
      System.out.printf("GetBottleneckReport over 1h: %d executions, %d step attempts; times %s ms%n",
          last.getExecutions().getExecutions(), attempts,
          millis.stream().map(m -> String.format("%.0f", m)).toList());
      System.out.printf("  bottleneck %s; findings %s%n", last.getBottleneckStep(),
          last.getFindingsList().stream().map(f -> f.getType() + " " + f.getStep()).toList());
    }
  }

  private static String describe(JvmHeap heap) {
    return heap.measured() ? String.format("%d MiB used of %d MiB committed", heap.usedKb() / 1024,
        heap.committedKb() / 1024) : heap.problem();
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
      c.createStatement().execute(sql);
    }
  }
}
