package dev.baton.bench;

import java.io.PrintStream;

/** Everything one run of the progress benchmark measured, and the summary that compares it with the targets. */
final class ProgressReport {
  static final double TARGET_P99_MS = 10;
  static final int TARGET_STREAMS = 5_000;
  static final long TARGET_HEAP_KB = 512 * 1024;

  String settings;
  BenchEnvironment environment;
  String progressProcess;
  int channels;
  int streams;
  ProcessFootprint baseline;
  IdleStreams.Started idleStarted;
  IdleStreams.Opened opened;
  ProcessFootprint withStreams;
  LiveLatencyPhase.Result latency;
  CpuUse latencyCpu;
  java.util.List<Double> redisReadLatenciesMs = java.util.List.of();
  int idleStreamsDuringLatency;
  ProcessFootprint afterLatency;
  IdleStreams.Cancelled cancelled;
  boolean progressAliveAtEnd;

  /** CPU seconds each process used during a phase, and the phase's wall-clock length. */
  record CpuUse(double platformSeconds, double progressSeconds, double postgresSeconds, double redisSeconds,
      double wallSeconds) {

    String format() {
      return String.format("platform JVM %.2f cores, progress-svc JVM %.2f cores, postgres %.2f cores, redis %.2f "
              + "cores (over %.0f s; the machine has %d cores shared with other users)",
          platformSeconds / wallSeconds, progressSeconds / wallSeconds, postgresSeconds / wallSeconds,
          redisSeconds / wallSeconds, wallSeconds, Runtime.getRuntime().availableProcessors());
    }
  }

  boolean streamsHeld() {
    return streams > 0 && opened != null && opened.result().snapshots() == streams && opened.result().failed() == 0
        && opened.result().stillOpen() == streams;
  }

  long peakHeapKb() {
    long peak = -1;
    for (ProcessFootprint f : new ProcessFootprint[] {withStreams, afterLatency}) {
      if (f != null && f.heap().measured()) {
        peak = Math.max(peak, f.heap().usedKb());
      }
    }
    return peak;
  }

  /** Anything that makes the figures measure something other than the intended load. */
  long failures() {
    long total = progressAliveAtEnd ? 0 : 1;
    if (idleStarted != null) {
      total += idleStarted.startErrors() + (idleStarted.started() - idleStarted.waiting());
    }
    if (streams > 0 && !streamsHeld()) {
      total++;
    }
    if (latency != null) {
      total += latency.startErrors() + latency.unsuccessful() + latency.warmup().failed();
    }
    if (cancelled != null) {
      total += cancelled.callErrors() + (cancelled.calls() - cancelled.endedCancelled());
    }
    return total;
  }

  void print(PrintStream out) {
    out.println();
    out.println("================ Baton progress benchmark ================");
    environment.print(out, settings);
    out.println("progress-svc : " + progressProcess + "; " + channels + " gRPC channels (HTTP/2 connections) to it "
        + "for the idle streams, " + ProgressBenchmark.LOAD_CHANNELS + " for the latency phase's");
    out.println("workflows    : idle = " + IdleWorkflow.NAME + " (one http step refused at once, then waiting 1 h "
        + "for its retry); load = " + ChainWorkflow.NAME + " (noop a -> b -> c)");
    out.println();
    printStreams(out);
    out.println();
    printLatency(out);
    out.println();
    printCancel(out);
    out.println();
    printVerdict(out);
    out.println("===========================================================");
  }

  private void printStreams(PrintStream out) {
    if (baseline != null) {
      out.println("progress-svc before any stream : " + baseline.format());
    }
    if (idleStarted == null) {
      out.println("streams      : not measured (--streams 0)");
      return;
    }
    out.printf("streams      : %d idle executions started in %.2f s (%d start errors%s); %d of them waiting for "
            + "their retry %.2f s later%n", idleStarted.started(), seconds(idleStarted.startElapsed()),
        idleStarted.startErrors(), idleStarted.firstStartError() == null ? "" : ", first: "
            + idleStarted.firstStartError(), idleStarted.waiting(), seconds(idleStarted.waitElapsed()));
    WatchGroup.Result at = opened.result();
    out.printf("               %d WatchExecution streams opened: %d snapshots received %.2f s after the first call, "
        + "%d failed%s, %d without a snapshot%n", at.opened(), at.snapshots(), seconds(opened.elapsed()), at.failed(),
        at.firstFailure() == null ? "" : " (first: " + at.firstFailure() + ")", at.opened() - at.snapshots());
    if (withStreams != null) {
      out.println("progress-svc with the streams   : " + withStreams.format());
      if (baseline != null && baseline.heap().measured() && withStreams.heap().measured() && at.snapshots() > 0) {
        out.printf("               per stream: %.1f KiB heap, %.1f KiB RSS (difference to before any stream / %d)%n",
            (withStreams.heap().usedKb() - baseline.heap().usedKb()) / (double) at.snapshots(),
            (withStreams.memory().rssKb() - baseline.memory().rssKb()) / (double) at.snapshots(), at.snapshots());
      }
    }
  }

  private void printLatency(PrintStream out) {
    if (latency == null) {
      out.println("latency      : not measured");
      return;
    }
    WatchGroup.Result m = latency.measured();
    out.printf("latency      : %,.0f steps/s offered (%,.1f executions/s) for %.0f s after a warm-up, with %d idle "
            + "streams open%n", latency.stepsPerSecond(), latency.stepsPerSecond() / ChainWorkflow.STEPS,
        seconds(latency.duration()), idleStreamsDuringLatency);
    out.printf("               %d start calls (%d errors%s); measured executions watched: %d, ended SUCCEEDED on "
            + "their stream: %d, otherwise: %s%n", latency.startCalls(), latency.startErrors(),
        latency.firstStartError() == null ? "" : ", first: " + latency.firstStartError(), m.opened(),
        latency.succeeded(), m.describeEnds());
    out.printf("               updates: %d live (with publish_time), %d without publish_time (read back from "
        + "PostgreSQL), %d snapshots%n", m.liveUpdates(), m.backfilledUpdates(), m.snapshots());
    out.println("  commit -> subscriber (receive time - publish_time): " + m.latency().format());
    out.println("  the same batches read straight from Redis by the benchmark (the floor of the path, per batch): "
        + Percentiles.of(redisReadLatenciesMs).format());
    if (latencyCpu != null) {
      out.println("  CPU meanwhile: " + latencyCpu.format());
    }
    if (afterLatency != null) {
      out.println("progress-svc after the load     : " + afterLatency.format());
    }
  }

  private void printCancel(PrintStream out) {
    if (cancelled == null) {
      out.println("cancel       : not measured");
      return;
    }
    out.printf("cancel       : %d CancelExecution calls answered in %.2f s (%d errors%s)%n", cancelled.calls(),
        seconds(cancelled.callsElapsed()), cancelled.callErrors(),
        cancelled.firstCallError() == null ? "" : ", first: " + cancelled.firstCallError());
    out.printf("               streams ended %.2f s after the first call: %s%n", seconds(cancelled.allEndedElapsed()),
        cancelled.result().describeEnds());
    out.println("  updates after the cancel (step and execution cancelled), commit -> subscriber: " + Percentiles.of(cancelled.terminalLatenciesMs()).format());
  }

  private void printVerdict(PrintStream out) {
    out.println("targets:");
    if (latency != null) {
      Percentiles p = latency.measured().latency();
      BenchEnvironment.verdict(out, "commit -> subscriber p99 <= 10 ms under load", String.format("%.2f ms", p.p99()),
          p.count() > 0 && p.p99() <= TARGET_P99_MS);
    }
    if (opened != null) {
      BenchEnvironment.verdict(out, "5,000 concurrent streams on one progress-svc",
          String.format("%,d held", streamsHeld() ? streams : opened.result().snapshots()),
          streamsHeld() && streams >= TARGET_STREAMS);
      long heap = peakHeapKb();
      String measured = !streamsHeld() ? "(streams not held)"
          : heap < 0 ? "not measured" : String.format("%.1f MiB", heap / 1024.0);
      BenchEnvironment.verdict(out, "heap <= 512 MiB with them open (after full GC)", measured,
          streamsHeld() && heap >= 0 && heap <= TARGET_HEAP_KB);
    }
    if (cancelled != null) {
      BenchEnvironment.verdict(out, "every idle stream ends with CANCELLED",
          String.format("%,d / %,d", cancelled.endedCancelled(), cancelled.calls()),
          cancelled.endedCancelled() == cancelled.calls());
    }
    BenchEnvironment.verdict(out, "failures == 0", Long.toString(failures()), failures() == 0);
  }

  private static double seconds(java.time.Duration d) {
    return d.toNanos() / 1e9;
  }
}
