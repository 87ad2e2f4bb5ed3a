package dev.baton.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where the cores went during the analytics ingest phase: the span generator and exporters (this
 * JVM), analytics-svc's JVM, the PostgreSQL backends serving the benchmark's database, and all
 * PostgreSQL processes (those backends plus the WAL writer, checkpointer, autovacuum and any
 * other session's queries). On a machine shared with other work the spans/s figure moves with
 * the load; the CPU spent per span does much less, so it is what compares two versions.
 */
record IngestCpu(double generatorSeconds, double analyticsSeconds, double backendSeconds, double postgresSeconds) {

  static IngestCpu now(long analyticsPid, Connection db, String database) throws SQLException {
    CpuTime machine = CpuTime.now();
    return new IngestCpu(machine.jvmSeconds(), CpuTime.ofProcess(analyticsPid), backends(db, database),
        machine.postgresSeconds());
  }

  IngestCpu minus(IngestCpu earlier) {
    return new IngestCpu(generatorSeconds - earlier.generatorSeconds, analyticsSeconds - earlier.analyticsSeconds,
        backendSeconds - earlier.backendSeconds, postgresSeconds - earlier.postgresSeconds);
  }

  /** CPU milliseconds per 1,000 spans of each part. */
  String perThousand(long spans) {
    double per = spans / 1000.0;
    return String.format("generator %.0f ms, analytics-svc %.0f ms, PostgreSQL %.0f ms (backends of the bench "
        + "database %.0f ms)", generatorSeconds * 1000 / per, analyticsSeconds * 1000 / per,
        postgresSeconds * 1000 / per, backendSeconds * 1000 / per);
  }

  /**
   * Backends stay connected for the whole phase (analytics-svc's pool and this benchmark's JDBC
   * connection), so summing those alive at each snapshot sees all of their CPU time.
   */
  private static double backends(Connection db, String database) throws SQLException {
    double seconds = 0;
    try (PreparedStatement query = db.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
      query.setString(1, database);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          seconds += CpuTime.ofProcess(rs.getLong(1));
        }
      }
    }
    return seconds;
  }
}
