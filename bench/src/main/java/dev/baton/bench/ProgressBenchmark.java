package dev.baton.bench;

import dev.baton.dev.LocalPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Live progress under load: how many WatchExecution streams one progress-svc holds and with how
 * much heap, and the latency from the orchestrator's commit to a subscriber. progress-svc runs in
 * a JVM of its own so that its memory is measured alone; everything else (orchestrator, executor,
 * the benchmark's clients) runs in this one against the machine's PostgreSQL and Redis.
 */
@Command(name = "bench-progress", mixinStandardHelpOptions = true,
    description = "Concurrent watch streams, heap and commit-to-subscriber latency of progress-svc on this machine.")
public final class ProgressBenchmark implements Callable<Integer> {
  /**
   * Channels of the latency phase's watches, apart from the idle streams' channels: those are full
   * (streams-per-channel each), and a call beyond a connection's limit would wait in the client.
   * Each load execution is watched for ~15 ms, so a few connections carry them easily.
   */
  static final int LOAD_CHANNELS = 4;

  @Option(names = "--streams", description = "Idle executions watched at once, one stream each; 0 skips the streams "
      + "phase (default: ${DEFAULT-VALUE}).")
  int streams = 5000;

  @Option(names = "--watchers-per-execution", description = "Streams per idle execution: the streams phase starts "
      + "streams / this many executions (default: ${DEFAULT-VALUE}).")
  int watchersPerExecution = 1;

  @Option(names = "--streams-per-channel", description = "Streams per gRPC channel (HTTP/2 connection); the server "
      + "allows 100 at once per connection by default (default: ${DEFAULT-VALUE}).")
  int streamsPerChannel = 100;

  @Option(names = "--open-concurrency", description = "Streams waiting for their snapshot at a time while the "
      + "streams open; 0 opens all at once (default: ${DEFAULT-VALUE}).")
  int openConcurrency = 200;

  @Option(names = "--load-steps-per-second", description = "Step transitions per second offered in the latency "
      + "phase, as 3-step noop chains; 0 skips it (default: ${DEFAULT-VALUE}).")
  double loadStepsPerSecond = 300;

  @Option(names = "--duration", description = "Length of the measured latency phase, e.g. 60s, 2m "
      + "(default: ${DEFAULT-VALUE}).", converter = DurationConverter.class)
  Duration duration = Duration.ofSeconds(60);

  @Option(names = "--warmup", description = "Load run before measuring latency (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  Duration warmup = Duration.ofSeconds(10);

  @Option(names = "--progress-heap", description = "-Xmx of the progress-svc JVM (default: ${DEFAULT-VALUE}).")
  String progressHeap = "512m";

  @Option(names = "--progress-jvm-option", description = "Extra JVM option of the progress-svc JVM (repeatable), "
      + "e.g. -XX:+UseSerialGC.")
  List<String> progressJvmOptions = List.of();

  @Option(names = "--executor-concurrency", description = "BATON_EXECUTOR_CONCURRENCY (default: ${DEFAULT-VALUE}).")
  int executorConcurrency = 64;

  @Option(names = "--orchestrator-pool", description = "BATON_PG_POOL_SIZE (default: ${DEFAULT-VALUE}).")
  int orchestratorPool = 16;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ProgressBenchmark()).execute(args));
  }

  @Override
  public Integer call() {
    ProgressReport report = new ProgressReport();
    BenchInfrastructure infrastructure = BenchInfrastructure.detect(UUID.randomUUID().toString().substring(0, 8));
    report.environment = BenchEnvironment.before(infrastructure);
    report.streams = streams;
    report.channels = (streams + streamsPerChannel - 1) / streamsPerChannel;
    if (watchersPerExecution < 1 || streams % watchersPerExecution != 0) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--watchers-per-execution: "
          + watchersPerExecution + " (expected: >= 1 and a divisor of --streams " + streams + ")");
    }
    report.settings = String.format("streams=%d watchers-per-execution=%d streams-per-channel=%d open-concurrency=%d "
            + "load=%.0f steps/s duration=%ds warmup=%ds progress-heap=%s progress-jvm-options=%s "
            + "executor-concurrency=%d orchestrator-pool=%d", streams, watchersPerExecution,
        streamsPerChannel, openConcurrency, loadStepsPerSecond, duration.toSeconds(), warmup.toSeconds(), progressHeap,
        progressJvmOptions, executorConcurrency, orchestratorPool);
    Map<String, String> env = infrastructure.platformEnv();
    env.putAll(Map.of(
        "BATON_DEV_PROGRESS", "false",
        "BATON_EXECUTOR_CONCURRENCY", Integer.toString(executorConcurrency),
        "BATON_PG_POOL_SIZE", Integer.toString(orchestratorPool)));
    LocalPlatform platform = LocalPlatform.start(env);
    try (BenchDatabase database = BenchDatabase.connect(platform.postgres());
         ServiceProcess progress = ServiceProcess.progress(platform.env(), progressHeap,
             progressJvmOptions, Duration.ofSeconds(60));
         WatchChannels idleChannels = WatchChannels.open(progress.target(), platform.keys().tenantAdmin(), Math.max(1, report.channels));
         WatchChannels loadChannels = WatchChannels.open(progress.target(), platform.keys().tenantAdmin(), LOAD_CHANNELS)) {
      report.environment.readServerSettings(database);
      report.progressProcess = String.format("separate JVM, pid %d, -Xmx%s, output in %s", progress.pid(),
          progress.maxHeap(), progress.log());
      IdleWorkflow.apply(platform.client());
      ChainWorkflow.apply(platform.client());
      measure(platform, database, progress, idleChannels, loadChannels, report);
      report.progressAliveAtEnd = progress.alive();
    } finally {
      platform.close();
      infrastructure.cleanUp(platform.redis());
    }
    report.environment.finished();
    report.print(System.out);
    return report.failures() == 0 ? 0 : 1;
  }

  private void measure(LocalPlatform platform, BenchDatabase database, ServiceProcess progress,
      WatchChannels idleChannels, WatchChannels loadChannels, ProgressReport report) {
    report.baseline = progress.footprint();
    IdleStreams idle = new IdleStreams(platform.client(), database, idleChannels);
    if (streams > 0) {
      int executions = streams / watchersPerExecution;
      Console.progress("streams: starting " + executions + " idle executions");
      report.idleStarted = idle.startExecutions(executions);
      Console.progress("streams: opening " + report.idleStarted.started() * watchersPerExecution
          + " WatchExecution streams over " + idleChannels.size() + " channels");
      report.opened = idle.openStreams(openConcurrency, watchersPerExecution);
      report.withStreams = progress.footprint();
      report.idleStreamsDuringLatency = idle.now().stillOpen();
    }
    if (loadStepsPerSecond > 0) {
      Console.progress(String.format("latency: %.0f steps/s for %ds after %ds of warm-up", loadStepsPerSecond,
          duration.toSeconds(), warmup.toSeconds()));
      CpuTime cpuBefore = CpuTime.now();
      double progressCpuBefore = CpuTime.ofProcess(progress.pid());
      long begin = System.nanoTime();
      try (EventStreamTap tap = EventStreamTap.start(platform.redis(), java.time.Instant.now().plus(warmup))) {
        report.latency = new LiveLatencyPhase(platform.client(), loadChannels).run(loadStepsPerSecond, warmup,
            duration);
        report.redisReadLatenciesMs = tap.latenciesMs();
      }
      CpuTime cpu = CpuTime.now().minus(cpuBefore);
      report.latencyCpu = new ProgressReport.CpuUse(cpu.jvmSeconds(),
          CpuTime.ofProcess(progress.pid()) - progressCpuBefore, cpu.postgresSeconds(), cpu.redisSeconds(),
          (System.nanoTime() - begin) / 1e9);
      report.afterLatency = progress.footprint();
    }
    if (streams > 0) {
      Console.progress("cancel: cancelling the " + streams + " idle executions");
      report.cancelled = idle.cancelAll();
    }
  }

  /** Reads durations the way the workflow definitions write them: 500ms, 10s, 2m. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return dev.baton.common.time.DurationParser.parse(value);
    }
  }
}
