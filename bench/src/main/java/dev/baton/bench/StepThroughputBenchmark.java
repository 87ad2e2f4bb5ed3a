package dev.baton.bench;

import dev.baton.dev.LocalPlatform;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput and latency of step transitions of the whole platform (orchestrator + executors in
 * this JVM) against durable PostgreSQL and Redis, compared with the project's targets and with the
 * PostgreSQL ceiling measured in the same run. Prints only what it measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Step-transition throughput and latency of Baton on this machine.")
public final class StepThroughputBenchmark implements Callable<Integer> {
  @Option(names = "--executions", description = "Executions in the throughput phase (default: ${DEFAULT-VALUE}).")
  int executions = 3000;

  @Option(names = "--concurrency", description = "Executions kept in flight (default: ${DEFAULT-VALUE}).")
  int concurrency = 64;

  @Option(names = "--warmup", description = "Executions run before measuring (default: ${DEFAULT-VALUE}).")
  int warmup = 200;

  @Option(names = "--latency-samples", description = "Sequential executions timed (default: ${DEFAULT-VALUE}).")
  int latencySamples = 200;

  @Option(names = "--executor-concurrency", description = "BATON_EXECUTOR_CONCURRENCY (default: ${DEFAULT-VALUE}).")
  int executorConcurrency = 64;

  @Option(names = "--executors", description = "BATON_DEV_EXECUTORS, executor nodes (default: ${DEFAULT-VALUE}).")
  int executors = 1;

  @Option(names = "--orchestrator-pool", description = "BATON_PG_POOL_SIZE (default: ${DEFAULT-VALUE}).")
  int orchestratorPool = 16;

  @Option(names = "--poll-interval-ms", description = "How often ends are counted in the throughput phase "
      + "(default: ${DEFAULT-VALUE}).")
  int pollIntervalMs = 10;

  @Option(names = "--skip-ceiling", description = "Do not run pg-ceiling.")
  boolean skipCeiling;

  @Option(names = "--ceiling-script", description = "Path of pg-ceiling (default: ${DEFAULT-VALUE}).")
  Path ceilingScript = Path.of("../shared/tools/pg-ceiling");

  @Option(names = "--ceiling-seconds", description = "pg-ceiling duration (default: ${DEFAULT-VALUE}).")
  int ceilingSeconds = 10;

  @Option(names = "--ceiling-clients", description = "pg-ceiling clients (default: ${DEFAULT-VALUE}).")
  int ceilingClients = 32;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StepThroughputBenchmark()).execute(args));
  }

  @Override
  public Integer call() {
    BenchReport report = new BenchReport();
    BenchInfrastructure infrastructure = BenchInfrastructure.detect(UUID.randomUUID().toString().substring(0, 8));
    report.environment = BenchEnvironment.before(infrastructure);
    report.settings = String.format("executions=%d concurrency=%d warmup=%d latency-samples=%d executors=%d "
            + "executor-concurrency=%d orchestrator-pool=%d poll=%dms", executions, concurrency, warmup,
        latencySamples, executors, executorConcurrency, orchestratorPool, pollIntervalMs);
    Map<String, String> env = infrastructure.platformEnv();
    env.putAll(Map.of(
        "BATON_DEV_EXECUTORS", Integer.toString(executors),
        "BATON_EXECUTOR_CONCURRENCY", Integer.toString(executorConcurrency),
        "BATON_PG_POOL_SIZE", Integer.toString(orchestratorPool),
        // no browser here: an empty list keeps the orchestrator's gRPC calls off the CORS router
        // that LocalPlatform would otherwise put in front for the dashboard
        "BATON_ORCHESTRATOR_CORS_ORIGINS", ""));
    LocalPlatform platform = LocalPlatform.start(env);
    try {
      try (BenchDatabase database = BenchDatabase.connect(platform.postgres())) {
        report.environment.readServerSettings(database);
        ChainWorkflow.apply(platform.client());
        measure(platform, database, report);
      }
      report.jvm = ResidentMemory.ofSelf();
      report.redis = ResidentMemory.ofCommand("redis-server");
      report.postgres = ResidentMemory.ofCommand("postgres");
      System.gc();
      report.heapUsedAfterGcBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    } finally {
      platform.close();
      infrastructure.cleanUp(platform.redis());
    }
    if (!skipCeiling) {
      Console.progress("pg-ceiling " + ceilingSeconds + "s, " + ceilingClients + " clients (services stopped)");
      report.ceiling = PgCeiling.measure(ceilingScript, ceilingSeconds, ceilingClients);
    }
    report.environment.finished();
    report.print(System.out);
    return report.failures() == 0 ? 0 : 1;
  }

  private void measure(LocalPlatform platform, BenchDatabase database, BenchReport report) {
    ThroughputPhase window = new ThroughputPhase(platform.client(), database, Duration.ofMillis(pollIntervalMs),
        Duration.ofSeconds(60));
    Console.progress("warm-up: " + warmup + " executions");
    report.warmup = window.run("warmup", warmup, concurrency);
    Console.progress("throughput: " + executions + " executions, " + concurrency + " in flight");
    CpuTime before = CpuTime.now();
    report.throughput = window.run("throughput", executions, concurrency);
    report.throughputCpu = CpuTime.now().minus(before);
    Console.progress("latency: " + latencySamples + " sequential executions");
    report.latency = new LatencyPhase(platform.client(), database, Duration.ofSeconds(30)).run(latencySamples);
    report.latencySegments = database.chainSegmentMediansMs(LatencyPhase.PHASE);
    report.throughputSegments = database.chainSegmentMediansMs("throughput");
  }
}
