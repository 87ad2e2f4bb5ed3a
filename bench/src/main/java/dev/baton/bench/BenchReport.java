package dev.baton.bench;

import java.io.PrintStream;
import java.util.Map;

/** Everything one benchmark run measured, and the summary block that compares it with the targets. */
final class BenchReport {
  static final double TARGET_STEPS_PER_SECOND = 2_500;
  static final double TARGET_P50_MS = 15;
  static final double TARGET_P99_MS = 50;

  String settings;
  BenchEnvironment environment;
  ThroughputPhase.Result warmup;
  ThroughputPhase.Result throughput;
  CpuTime throughputCpu;
  LatencyPhase.Result latency;
  Map<String, Double> latencySegments = Map.of();
  Map<String, Double> throughputSegments = Map.of();
  PgCeiling.Result ceiling;
  ResidentMemory jvm;
  ResidentMemory redis;
  ResidentMemory postgres;
  long heapUsedAfterGcBytes;

  /** Executions that did not succeed, in any phase: a benchmark run with failures measured something else. */
  long failures() {
    long total = 0;
    for (ThroughputPhase.Result phase : new ThroughputPhase.Result[] {warmup, throughput}) {
      if (phase != null) {
        total += phase.ended().unsuccessful() + phase.startErrors() + (phase.stalled() ? 1 : 0);
      }
    }
    if (latency != null) {
      total += latency.failed() + latency.timedOut();
    }
    return total;
  }

  void print(PrintStream out) {
    out.println();
    out.println("================ Baton step-throughput benchmark ================");
    environment.print(out, settings);
    out.println("workflow     : " + ChainWorkflow.NAME + " = noop a -> noop b -> noop c ("
        + ChainWorkflow.STEPS + " step transitions per execution)");
    out.println();
    printThroughput(out);
    out.println();
    printLatency(out);
    out.println();
    printMemory(out);
    out.println();
    printVerdict(out);
    out.println("==================================================================");
  }

  private void printThroughput(PrintStream out) {
    if (warmup != null) {
      out.printf("warm-up      : %d executions, %d succeeded, %d unsuccessful, %d start errors in %.2f s%n",
          warmup.requested(), warmup.ended().succeeded(), warmup.ended().unsuccessful(), warmup.startErrors(),
          warmup.elapsed().toNanos() / 1e9);
    }
    if (throughput == null) {
      out.println("throughput   : not measured");
      return;
    }
    out.printf("throughput   : %d executions, %d succeeded, %d failed, %d cancelled, %d start errors%s%n",
        throughput.requested(), throughput.ended().succeeded(), throughput.ended().failed(),
        throughput.ended().cancelled(), throughput.startErrors(),
        throughput.stalled() ? "   <-- STALLED (no execution ended for 60 s)" : "");
    if (throughput.firstStartError() != null) {
      out.println("               first start error: " + throughput.firstStartError());
    }
    out.printf("               client clock : %.2f s -> %,.0f executions/s = %,.0f steps/s%n",
        throughput.elapsed().toNanos() / 1e9, throughput.executionsPerSecond(), throughput.stepsPerSecond());
    out.printf("               orchestrator : first created_at .. last finished_at %.2f s -> %,.0f steps/s%n",
        throughput.recordedSpan().toNanos() / 1e9, throughput.recordedStepsPerSecond());
    if (throughputCpu != null) {
      double wall = throughput.elapsed().toNanos() / 1e9;
      out.printf("               CPU used meanwhile: JVM %.1f s (%.2f cores), postgres %.1f s (%.2f cores), "
              + "redis %.1f s (%.2f cores); machine has %d cores, shared with other users%n",
          throughputCpu.jvmSeconds(), throughputCpu.jvmSeconds() / wall, throughputCpu.postgresSeconds(),
          throughputCpu.postgresSeconds() / wall, throughputCpu.redisSeconds(), throughputCpu.redisSeconds() / wall,
          Runtime.getRuntime().availableProcessors());
    }
    printSegments(out, "               median segments under load (ms): ", throughputSegments);
    if (ceiling == null) {
      out.println("pg ceiling   : skipped (--skip-ceiling)");
    } else if (!ceiling.measured()) {
      out.println("pg ceiling   : NOT MEASURED: " + ceiling.problem());
    } else {
      out.printf("pg ceiling   : %s (after the services stopped)%n", ceiling.line());
      out.printf("               ratio steps/s / ceiling tps = %,.0f / %,.0f = %.3f%n",
          throughput.stepsPerSecond(), ceiling.tps(), throughput.stepsPerSecond() / ceiling.tps());
    }
  }

  private void printLatency(PrintStream out) {
    if (latency == null) {
      out.println("latency      : not measured");
      return;
    }
    out.printf("latency      : %d sequential executions, %d failed, %d timed out (30 s)%n",
        latency.clientObservedMs().size() + latency.failed() + latency.timedOut(), latency.failed(),
        latency.timedOut());
    out.println("  client-observed (StartExecution call -> SUCCEEDED row read, 5 ms poll): "
        + Percentiles.of(latency.clientObservedMs()).format());
    out.println("  orchestrator-recorded (finished_at - created_at)                    : "
        + Percentiles.of(latency.recordedMs()).format());
    out.println("  StartExecution call alone                                           : "
        + Percentiles.of(latency.startCallMs()).format());
    printSegments(out, "  median segments, one in flight (ms): ", latencySegments);
  }

  private static void printSegments(PrintStream out, String title, Map<String, Double> segments) {
    StringBuilder line = new StringBuilder(title);
    segments.forEach((name, ms) -> line.append(String.format("%n      %-34s %8.2f", name, ms)));
    out.println(line);
  }

  private void printMemory(PrintStream out) {
    if (jvm == null) {
      out.println("memory       : not measured");
      return;
    }
    out.println("memory (RSS) : JVM (orchestrator + executors + progress + analytics): "
        + String.format("%.1f MiB, heap used after GC %.1f MiB", jvm.rssKb() / 1024.0,
            heapUsedAfterGcBytes / 1024.0 / 1024.0));
    out.println("               redis-server: " + redis.format());
    out.println("               postgres    : " + postgres.format());
    out.println("               (redis and postgres are the machine's shared servers when not embedded:"
        + " other users' data counts too)");
  }

  private void printVerdict(PrintStream out) {
    out.println("targets (client-observed figures are judged):");
    if (throughput != null) {
      BenchEnvironment.verdict(out, "throughput >= 2,500 steps/s sustained",
          String.format("%,.0f steps/s", throughput.stepsPerSecond()), throughput.stepsPerSecond() >= TARGET_STEPS_PER_SECOND);
    }
    if (latency != null) {
      Percentiles client = Percentiles.of(latency.clientObservedMs());
      BenchEnvironment.verdict(out, "3-step chain latency p50 <= 15 ms", String.format("%.2f ms", client.p50()),
          client.p50() <= TARGET_P50_MS);
      BenchEnvironment.verdict(out, "3-step chain latency p99 <= 50 ms", String.format("%.2f ms", client.p99()),
          client.p99() <= TARGET_P99_MS);
    }
    BenchEnvironment.verdict(out, "failures == 0", Long.toString(failures()), failures() == 0);
  }
}
