package dev.baton.bench;

import dev.baton.common.config.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The benchmark's read-only view of the orchestrator's tables over plain JDBC. Completions are
 * observed here rather than through the API so that observing does not add load to the
 * orchestrator being measured.
 */
final class BenchDatabase implements AutoCloseable {
  private final Connection connection;
  private final PreparedStatement ended;

  private BenchDatabase(Connection connection) throws SQLException {
    this.connection = connection;
    this.ended = connection.prepareStatement(
        "SELECT status, created_at, finished_at FROM executions WHERE id = ? AND status <> 'RUNNING'");
  }

  /**
   * Statuses of those of the given executions that have ended. Looks rows up by primary key, so
   * observing costs the same however many executions the table already holds.
   */
  Map<UUID, String> endedAmong(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT id, status FROM executions WHERE id = ANY(?) AND status <> 'RUNNING'")) {
      query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      Map<UUID, String> out = new java.util.HashMap<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          out.put((UUID) rs.getObject(1), rs.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read execution statuses: " + e.getMessage(), e);
    }
  }

  /** How many of the given executions have step {@code stepId} in {@code status} (e.g. RETRYING). */
  int stepsInStatus(java.util.Collection<UUID> executionIds, String stepId, String status) {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT count(*) FROM step_states WHERE execution_id = ANY(?) AND step_id = ? AND status = ?")) {
      query.setArray(1, connection.createArrayOf("uuid", executionIds.toArray()));
      query.setString(2, stepId);
      query.setString(3, status);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting steps " + stepId + " in " + status + ": " + e.getMessage(), e);
    }
  }

  static BenchDatabase connect(PostgresConfig config) {
    Objects.requireNonNull(config, "config");
    try {
      return new BenchDatabase(DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password()));
    } catch (SQLException e) {
      throw new IllegalStateException("could not connect to " + config.jdbcUrl() + ": " + e.getMessage(), e);
    }
  }

  /** A server setting as SHOW prints it, e.g. {@code fsync} -> "on". */
  String setting(String name) {
    try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("SHOW " + name + ": " + e.getMessage(), e);
    }
  }


  /** The execution once it has ended (its final status is committed); empty while it runs. */
  Optional<EndedExecution> ended(UUID executionId) {
    try {
      ended.setObject(1, executionId);
      try (ResultSet rs = ended.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new EndedExecution(rs.getString(1),
            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, OffsetDateTime.class).toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading execution " + executionId + ": " + e.getMessage(), e);
    }
  }

  /** From the first start to the last finish of the executions a phase tagged in their input. */
  Duration recordedSpan(String phase) {
    try (PreparedStatement span = connection.prepareStatement(
        "SELECT extract(epoch FROM max(finished_at) - min(created_at)) FROM executions WHERE input->>'phase' = ?")) {
      span.setString(1, phase);
      try (ResultSet rs = span.executeQuery()) {
        rs.next();
        return Duration.ofNanos((long) (rs.getDouble(1) * 1e9));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("span of phase " + phase + ": " + e.getMessage(), e);
    }
  }

  /**
   * Median time of each segment of a three-step chain (steps a, b, c) over a phase's executions,
   * from the timestamps the orchestrator stored: where the end-to-end time goes.
   */
  Map<String, Double> chainSegmentMediansMs(String phase) {
    String median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM %s - %s) * 1000)";
    String sql = "SELECT "
        + String.format(median, "a.started_at", "e.created_at") + ", "
        + String.format(median, "a.finished_at", "a.started_at") + ", "
        + String.format(median, "b.started_at", "a.finished_at") + ", "
        + String.format(median, "b.finished_at", "b.started_at") + ", "
        + String.format(median, "c.started_at", "b.finished_at") + ", "
        + String.format(median, "c.finished_at", "c.started_at") + ", "
        + String.format(median, "e.finished_at", "c.finished_at")
        + " FROM executions e"
        + " JOIN step_states a ON a.execution_id = e.id AND a.step_id = 'a'"
        + " JOIN step_states b ON b.execution_id = e.id AND b.step_id = 'b'"
        + " JOIN step_states c ON c.execution_id = e.id AND c.step_id = 'c'"
        + " WHERE e.input->>'phase' = ? AND e.status = 'SUCCEEDED'";
    String[] names = {"created -> a started", "a started -> a finished", "a finished -> b started",
        "b started -> b finished", "b finished -> c started", "c started -> c finished",
        "c finished -> execution finished"};
    Map<String, Double> medians = new LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, phase);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        for (int i = 0; i < names.length; i++) {
          medians.put(names[i], rs.getDouble(i + 1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("chain segments of phase " + phase + ": " + e.getMessage(), e);
    }
    return medians;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing the benchmark's database connection: " + e.getMessage(), e);
    }
  }
}
