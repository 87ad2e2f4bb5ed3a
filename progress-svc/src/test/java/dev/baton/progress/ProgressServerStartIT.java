package dev.baton.progress;

import dev.baton.common.config.Env;
import dev.baton.testkit.FailedStart;
import dev.baton.testkit.Leftovers;
import dev.baton.testkit.TestPostgres;
import dev.baton.testkit.TestRedis;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** progress-svc's start against real PostgreSQL and Redis when its last step fails. */
class ProgressServerStartIT {

  @Test
  void aStartFailingOnATakenPortStopsTheEventReaderAndClosesRedisAndThePool() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestPostgres.Database db = TestPostgres.createDatabase("baton_progress_start");
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> env = new HashMap<>(TestRedis.env("progress-start-" + UUID.randomUUID()));
      env.putAll(db.env());
      env.putAll(Map.of("BATON_PROGRESS_HOST", "127.0.0.1", "BATON_PROGRESS_PORT",
          Integer.toString(taken.getLocalPort())));
      ProgressServer progress = ProgressServer.create(ProgressConfig.from(new Env(env)), vertx);

      // by then its event reader runs on a thread of its own, with Redis connected
      FailedStart.check(progress::start, "port " + taken.getLocalPort(),
          Leftovers.since("vert.x-", "vertx-").andSessionsOn(db));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
