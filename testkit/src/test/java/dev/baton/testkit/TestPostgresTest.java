package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Runs against whichever server {@link TestPostgres} picks: this machine's, or the embedded one. */
class TestPostgresTest {

  @Test
  void aDatabaseIsFreshUsableAndGoneOnceClosed() throws Exception {
    TestPostgres.Database db = TestPostgres.createDatabase("testkit");
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(db.name()).startsWith("testkit_");
    }
    assertThat(db.sessions()).isZero();

    db.close();

    try (Connection c = java.sql.DriverManager.getConnection(db.server().jdbcUrl("postgres"), db.server().user(),
        db.server().password());
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = '"
            + db.name() + "'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void twoDatabasesNeverShareAName() {
    try (TestPostgres.Database a = TestPostgres.createDatabase("testkit");
        TestPostgres.Database b = TestPostgres.createDatabase("testkit")) {
      assertThat(a.name()).isNotEqualTo(b.name());
    }
  }
}
