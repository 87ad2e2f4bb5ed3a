package dev.baton.analytics.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.common.config.PostgresConfig;
import dev.baton.common.postgres.PgPools;
import io.grpc.Status;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatusesTest {

  @Test
  void aCallersMistakeKeepsItsMessageAndItsCode() {
    assertThat(Statuses.of(AnalyticsException.invalidRequest("window: 10s (expected: between 1m and 30d)"),
        "reading the rollups"))
        .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .satisfies(s -> assertThat(s.getDescription()).isEqualTo("window: 10s (expected: between 1m and 30d)"));
    assertThat(Statuses.of(AnalyticsException.notFound("name: no alert rule 'x'"), "deleting an alert rule")
        .getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(Statuses.of(AnalyticsException.tooLarge("body: more than 1024 bytes"), "storing spans")
        .getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void aDatabaseThatCannotBeReachedIsUnavailableWithoutItsAddress() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgPools.create(vertx, new PostgresConfig("127.0.0.1", 1, "baton", "postgres", "", 1));
      Throwable refused = pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture()
          .handle((rows, error) -> error).get(10, TimeUnit.SECONDS);
      assertThat(refused).as("the real failure of a pool whose database is down").isNotNull();

      Status status = Statuses.of(refused, "storing spans");

      assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(status.getDescription()).isEqualTo("storing spans failed: the database is not available; retry later")
          .doesNotContain("127.0.0.1");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDatabaseGivingUpForNowIsUnavailable() {
    PgException restarting = new PgException("terminating connection due to administrator command", "FATAL",
        "57P01", null);
    PgException deadlock = new PgException("deadlock detected", "ERROR", "40P01", "Process 1 waits for ...");

    assertThat(Statuses.of(restarting, "reading the rollups").getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Statuses.of(deadlock, "reading the rollups").getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aBugIsInternalAndTellsTheCallerNeitherSqlNorDetails() {
    PgException badSql = new PgException("syntax error at or near \"SELEC\"", "ERROR", "42601",
        "SELEC * FROM analytics.spans");

    Status sql = Statuses.of(badSql, "reading the rollups of checkout");
    Status npe = Statuses.of(new NullPointerException("rollup.steps is null"), "reading the rollups of checkout");

    assertThat(sql.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(sql.getDescription())
        .isEqualTo("reading the rollups of checkout failed: internal error (see the analytics-svc log)");
    assertThat(npe.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(npe.getDescription()).doesNotContain("rollup.steps");
  }

  @Test
  void aStatusFromBelowIsKept() {
    assertThat(Statuses.of(Status.CANCELLED.withDescription("client cancelled").asRuntimeException(), "watching")
        .getCode()).isEqualTo(Status.Code.CANCELLED);
  }
}
