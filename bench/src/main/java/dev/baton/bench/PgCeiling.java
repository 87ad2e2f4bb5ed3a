package dev.baton.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the shared {@code pg-ceiling} script (pgbench: one UPDATE + INSERT per durable commit) and
 * reads its tps: the yardstick the benchmark's throughput is reported against.
 */
final class PgCeiling {
  private static final Pattern LINE =
      Pattern.compile("pg-ceiling clients=(\\d+) tps=([0-9.]+) latency_ms=([0-9.?]+)");

  /** Either a measured ceiling or why there is none. */
  record Result(double tps, int clients, String line, String problem) {
    boolean measured() {
      return problem == null;
    }
  }

  private PgCeiling() {}

  static Result measure(Path script, int seconds, int clients) {
    Objects.requireNonNull(script, "script");
    if (!Files.isExecutable(script)) {
      return new Result(Double.NaN, clients, "", "not executable or missing: " + script.toAbsolutePath());
    }
    try {
      Process process = new ProcessBuilder(script.toString(), Integer.toString(seconds), Integer.toString(clients))
          .redirectErrorStream(true)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int exit = process.waitFor();
      Matcher m = LINE.matcher(output);
      if (exit != 0 || !m.find()) {
        return new Result(Double.NaN, clients, output, "exit " + exit + ", output: " + output);
      }
      return new Result(Double.parseDouble(m.group(2)), clients, m.group(), null);
    } catch (IOException e) {
      return new Result(Double.NaN, clients, "", "could not run " + script + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Double.NaN, clients, "", "interrupted");
    }
  }
}
