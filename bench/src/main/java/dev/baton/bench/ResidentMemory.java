package dev.baton.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of processes from {@code /proc/<pid>/status}, in KiB. Summing VmRSS over
 * PostgreSQL backends counts shared buffers once per backend that touched them, so a
 * de-duplicated estimate (private memory of all plus the largest shared part) is kept too.
 */
record ResidentMemory(int processes, long rssKb, long anonKb, long largestSharedKb) {

  static ResidentMemory ofSelf() {
    return of(List.of(Path.of("/proc/self")));
  }

  static ResidentMemory ofProcess(long pid) {
    return of(List.of(Path.of("/proc/" + pid)));
  }

  /** All processes whose command name ({@code /proc/<pid>/comm}) is {@code command}. */
  static ResidentMemory ofCommand(String command) {
    List<Path> matching = new java.util.ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
        .chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        try {
          if (Files.readString(proc.resolve("comm")).trim().equals(command)) {
            matching.add(proc);
          }
        } catch (IOException e) {
          // the process exited between listing and reading: it no longer uses memory
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("listing /proc: " + e.getMessage(), e);
    }
    return of(matching);
  }

  private static ResidentMemory of(List<Path> procs) {
    int count = 0;
    long rss = 0;
    long anon = 0;
    long largestShared = 0;
    for (Path proc : procs) {
      try {
        List<String> status = Files.readAllLines(proc.resolve("status"));
        rss += field(status, "VmRSS:");
        anon += field(status, "RssAnon:");
        largestShared = Math.max(largestShared, field(status, "RssFile:") + field(status, "RssShmem:"));
        count++;
      } catch (IOException e) {
        // exited meanwhile; see above
      }
    }
    return new ResidentMemory(count, rss, anon, largestShared);
  }

  private static long field(List<String> status, String name) {
    return status.stream()
        .filter(line -> line.startsWith(name))
        .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
        .findFirst()
        .orElse(0L);
  }

  /** Private memory of every process plus the largest file-backed/shared part, counted once. */
  long deduplicatedKb() {
    return anonKb + largestSharedKb;
  }

  String format() {
    return String.format("%7.1f MiB RSS over %d process(es) (de-duplicated estimate %.1f MiB)",
        rssKb / 1024.0, processes, deduplicatedKb() / 1024.0);
  }
}
