package dev.baton.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every row a tenant has in the platform's database, as text, found from the schema rather than a
 * list of tables: rows of every table with a tenant column, and of every table that hangs off the
 * tenant's executions by execution_id. Two snapshots that are equal mean nothing of the tenant
 * changed (in PostgreSQL: Redis-only state such as circuit breakers is not in here).
 */
final class TenantRows {
  /** Columns the platform's own timers rewrite while no one calls anything. */
  private static final Set<String> MOVING = Set.of(
      // the key ring writes down when keys were used, on its refresh timer
      "auth.api_keys.last_used_at",
      // an executor renews the lease of the task it runs with every heartbeat
      "public.tasks.lease_expires_at",
      // the alert evaluator records each evaluation of a rule (the rule itself does not change)
      "analytics.alert_rules.state", "analytics.alert_rules.streak", "analytics.alert_rules.last_value",
      "analytics.alert_rules.last_samples", "analytics.alert_rules.evaluations",
      "analytics.alert_rules.last_evaluated_at", "analytics.alert_rules.next_evaluation_at");

  private TenantRows() {}

  /** Table name to its rows of {@code tenant}, each as text, sorted. */
  static Map<String, List<String>> of(LocalPlatform platform, String tenant) {
    var pg = platform.postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
      Map<String, List<String>> rows = new TreeMap<>();
      for (Table table : tables(c)) {
        rows.put(table.name(), table.rowsOf(c, tenant));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the rows of tenant " + tenant + ": " + e.getMessage(), e);
    }
  }

  /** What differs between two snapshots, one line per row that went ("-") or came ("+"); empty: nothing. */
  static List<String> changes(Map<String, List<String>> before, Map<String, List<String>> after) {
    List<String> changes = new ArrayList<>();
    Set<String> tables = new java.util.TreeSet<>(before.keySet());
    tables.addAll(after.keySet());
    for (String table : tables) {
      List<String> was = before.getOrDefault(table, List.of());
      List<String> is = after.getOrDefault(table, List.of());
      was.stream().filter(row -> !is.contains(row)).forEach(row -> changes.add(table + " - " + row));
      is.stream().filter(row -> !was.contains(row)).forEach(row -> changes.add(table + " + " + row));
    }
    return changes;
  }

  private record Table(String name, List<String> columns, String tenantColumn) {
    List<String> rowsOf(Connection c, String tenant) throws SQLException {
      String where = tenantColumn != null ? tenantColumn + " = ?"
          : "execution_id IN (SELECT id FROM public.executions WHERE tenant_id = ?)";
      String sql = "SELECT row(" + String.join(", ", columns.stream().map(n -> '"' + n + '"').toList())
          + ")::text FROM " + name + " WHERE " + where
          + " ORDER BY 1";
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        statement.setString(1, tenant);
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
        return rows;
      }
    }
  }

  private static List<Table> tables(Connection c) throws SQLException {
    String sql = "SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c "
        + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        + "WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema') "
        + "ORDER BY c.table_schema, c.table_name, c.ordinal_position";
    Map<String, List<String>> columns = new TreeMap<>();
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        String table = rs.getString(1) + "." + rs.getString(2);
        columns.computeIfAbsent(table, t -> new ArrayList<>()).add(rs.getString(3));
      }
    }
    List<Table> tables = new ArrayList<>();
    columns.forEach((table, names) -> {
      if (fedBySpanExports(table)) {
        return;
      }
      String tenantColumn = names.contains("tenant_id") ? "tenant_id" : names.contains("tenant") ? "tenant" : null;
      boolean ofExecutions = names.contains("execution_id") && !table.startsWith("analytics.");
      if (tenantColumn != null || ofExecutions) {
        tables.add(new Table(table, names.stream().filter(n -> !MOVING.contains(table + "." + n)).toList(),
            tenantColumn));
      }
    });
    return tables;
  }

  /**
   * Spans and their rollups arrive whenever the services' exporters send them (the tenant's own
   * work keeps adding to them); what another tenant's exports may do to them is checked on its own.
   */
  private static boolean fedBySpanExports(String table) {
    String name = table.substring(table.indexOf('.') + 1);
    return table.startsWith("analytics.") && (name.startsWith("spans") || name.endsWith("_rollups"));
  }
}
