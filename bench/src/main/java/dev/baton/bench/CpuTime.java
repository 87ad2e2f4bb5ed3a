package dev.baton.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) consumed so far by this JVM, the PostgreSQL processes and the Redis
 * processes, from {@code /proc/<pid>/stat}; the difference of two snapshots shows where a
 * phase spent the machine's cores. Processes that exit between snapshots are not counted.
 */
record CpuTime(double jvmSeconds, double postgresSeconds, double redisSeconds) {
  /** USER_HZ: the unit of utime/stime, 100 on every Linux architecture Java runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  static CpuTime now() {
    double postgres = 0;
    double redis = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"),
        p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        String command = comm(proc);
        if ("postgres".equals(command)) {
          postgres += seconds(proc);
        } else if ("redis-server".equals(command)) {
          redis += seconds(proc);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("listing /proc: " + e.getMessage(), e);
    }
    return new CpuTime(seconds(Path.of("/proc/self")), postgres, redis);
  }

  /** CPU seconds one other process (e.g. a service in its own JVM) has used so far; 0 once it has exited. */
  static double ofProcess(long pid) {
    return seconds(Path.of("/proc/" + pid));
  }

  CpuTime minus(CpuTime earlier) {
    return new CpuTime(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds,
        redisSeconds - earlier.redisSeconds);
  }

  private static String comm(Path proc) {
    try {
      return Files.readString(proc.resolve("comm")).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static double seconds(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      // fields after the command, which is in parentheses and may contain spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
