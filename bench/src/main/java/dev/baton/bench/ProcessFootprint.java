package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What one JVM process holds at a moment: heap after a full GC, resident memory (heap, metaspace,
 * thread stacks and Netty's direct buffers together), threads, and open file descriptors against
 * its limit (each TCP connection is one).
 */
record ProcessFootprint(JvmHeap heap, ResidentMemory memory, long threads, long openFiles, String openFilesLimit) {

  /** Collects first, so resident memory is read right after the heap was compacted. */
  static ProcessFootprint of(long pid) {
    JvmHeap heap = JvmHeap.afterGc(pid);
    Path proc = Path.of("/proc/" + pid);
    return new ProcessFootprint(heap, ResidentMemory.ofProcess(pid), countEntries(proc.resolve("task")),
        countEntries(proc.resolve("fd")), openFilesLimit(proc));
  }

  private static long countEntries(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String openFilesLimit(Path proc) {
    try (Stream<String> lines = Files.lines(proc.resolve("limits"))) {
      return lines.filter(line -> line.startsWith("Max open files"))
          .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  String format() {
    return String.format("%s; RSS %.1f MiB; %d threads; %d open fds (limit %s)", heap.format(),
        memory.rssKb() / 1024.0, threads, openFiles, openFilesLimit);
  }
}
