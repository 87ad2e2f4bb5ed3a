package dev.baton.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.common.config.Env;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.testkit.ServedMethods;
import dev.baton.testkit.TestPostgres;
import dev.baton.testkit.TestRedis;
import io.grpc.Status;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link ProgressAccess} has a rule for exactly the methods a running progress-svc serves: a
 * service bound without rules would refuse every call, a rule without a served method is stale.
 */
class ProgressAccessIT {

  @Test
  void theAccessTableCoversEveryMethodServedAndEachRefusesACallWithoutAKey() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestPostgres.Database db = TestPostgres.createDatabase("baton_progress_access")) {
      Map<String, String> env = new HashMap<>(TestRedis.env("progress-access-" + UUID.randomUUID()));
      env.putAll(db.env());
      env.putAll(Map.of("BATON_PROGRESS_HOST", "127.0.0.1", "BATON_PROGRESS_PORT", "0"));
      try (ProgressServer progress = ProgressServer.create(ProgressConfig.from(new Env(env)), vertx).start()) {
        Map<String, Status.Code> served = ServedMethods.probe(progress.port(),
            ServedMethods.generatedAlongside(ProgressServiceGrpc.class));

        assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(ProgressAccess.table().methods());
        assertThat(served.values()).containsOnly(Status.Code.UNAUTHENTICATED);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
