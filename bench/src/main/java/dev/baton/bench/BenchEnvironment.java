package dev.baton.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Under what conditions a benchmark ran: the machine, its load before and after, and which
 * PostgreSQL and Redis with which durability settings. The head of every report, because on a
 * shared 2-core machine a figure means little without it.
 */
final class BenchEnvironment {
  private final String postgresWhere;
  private final String redisWhere;
  private final String loadBefore;
  private String loadAfter = "not read";
  private String serverVersion = "unknown";
  private String fsync = "unknown";
  private String synchronousCommit = "unknown";

  private BenchEnvironment(BenchInfrastructure infrastructure) {
    this.postgresWhere = infrastructure.describePostgres();
    this.redisWhere = infrastructure.describeRedis();
    this.loadBefore = loadAverage();
  }

  /** Notes the load average now, before anything starts. */
  static BenchEnvironment before(BenchInfrastructure infrastructure) {
    return new BenchEnvironment(Objects.requireNonNull(infrastructure, "infrastructure"));
  }

  void readServerSettings(BenchDatabase database) {
    fsync = database.setting("fsync");
    synchronousCommit = database.setting("synchronous_commit");
    serverVersion = database.setting("server_version");
    Console.progress("PostgreSQL fsync=" + fsync + " synchronous_commit=" + synchronousCommit);
  }

  /** Notes the load average now, once everything has stopped. */
  void finished() {
    loadAfter = loadAverage();
  }

  void print(PrintStream out, String settings) {
    out.printf("machine      : nproc=%d, java %s (%s), load avg before %s / after %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("java.vm.name"), loadBefore, loadAfter);
    out.println("settings     : " + settings);
    out.println("postgres     : " + postgresWhere + "; version " + serverVersion);
    out.printf("durability   : fsync=%s synchronous_commit=%s%s%n", fsync, synchronousCommit,
        "on".equals(fsync) ? "" : "   <-- NOT DURABLE, numbers are not comparable");
    out.println("redis        : " + redisWhere);
  }

  /** One line of a report's verdict block. */
  static void verdict(PrintStream out, String target, String measured, boolean met) {
    out.printf("  %-48s measured %-18s %s%n", target, measured, met ? "MET" : "NOT MET");
  }

  /** /proc/loadavg: the 1, 5 and 15 minute load averages, running/all tasks, last pid. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
