package dev.baton.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap of another JVM right after a full collection, read with {@code jcmd <pid> GC.run} then
 * {@code jcmd <pid> GC.heap_info}: what the live objects take, without the garbage that happens to
 * be there. Committed is what the JVM has reserved from the OS for the heap.
 */
record JvmHeap(long usedKb, long committedKb, long metaspaceUsedKb, String problem) {
  // G1: " garbage-first heap   total 262144K, used 23456K [0x..."; the first "used" line is the heap
  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

  boolean measured() {
    return problem == null;
  }

  static JvmHeap afterGc(long pid) {
    try {
      String gc = jcmd(pid, "GC.run");
      if (gc == null) {
        return failed("jcmd " + pid + " GC.run failed");
      }
      String info = jcmd(pid, "GC.heap_info");
      if (info == null) {
        return failed("jcmd " + pid + " GC.heap_info failed");
      }
      Matcher heap = HEAP.matcher(info);
      if (!heap.find()) {
        return failed("no heap line in jcmd GC.heap_info output: " + info);
      }
      Matcher metaspace = METASPACE.matcher(info);
      return new JvmHeap(Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1)),
          metaspace.find() ? Long.parseLong(metaspace.group(1)) : -1, null);
    } catch (IOException e) {
      return failed("could not run jcmd: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted");
    }
  }

  /** The output of one jcmd command, or null when it failed (its output then goes to stderr). */
  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      System.err.println("bench: jcmd " + pid + " " + command + ": " + output);
      return null;
    }
    return output;
  }

  private static JvmHeap failed(String problem) {
    return new JvmHeap(-1, -1, -1, problem);
  }

  String format() {
    if (!measured()) {
      return "NOT MEASURED: " + problem;
    }
    return String.format("heap used after full GC %.1f MiB (committed %.1f MiB), metaspace %.1f MiB",
        usedKb / 1024.0, committedKb / 1024.0, metaspaceUsedKb / 1024.0);
  }
}
