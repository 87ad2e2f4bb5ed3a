package dev.baton.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct SQL for assertions on what the orchestrator stored, and for ageing rows a test cannot wait days for. */
final class Db {
  private Db() {}

  static long count(LocalPlatform platform, String sql) {
    var pg = platform.postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row, as text. */
  static String text(LocalPlatform platform, String sql) {
    var pg = platform.postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException(sql + ": no row");
      }
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs one statement; the rows it changed. */
  static int update(LocalPlatform platform, String sql) {
    var pg = platform.postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
      return c.createStatement().executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
