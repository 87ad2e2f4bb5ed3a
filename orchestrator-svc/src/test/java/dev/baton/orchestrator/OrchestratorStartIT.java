package dev.baton.orchestrator;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The orchestrator's start against real PostgreSQL and Redis when its last step fails. */
class OrchestratorStartIT {
  private TestPostgres.Database db;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    db = TestPostgres.createDatabase("baton_orchestrator_start");
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
    db.close();
  }

  private OrchestratorConfig config(int port) {
    Map<String, String> env = new HashMap<>(db.env());
    env.putAll(TestRedis.env("orchestrator-start-" + UUID.randomUUID()));
    env.put("BATON_ORCHESTRATOR_HOST", "127.0.0.1");
    env.put("BATON_ORCHESTRATOR_PORT", Integer.toString(port));
    return OrchestratorConfig.from(new Env(env));
  }

  @Test
  void aStartFailingOnATakenPortClosesThePoolRedisAndTelemetryItOpenedAndCannotBeRetried() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Orchestrator orchestrator = Orchestrator.create(config(taken.getLocalPort()), vertx);

      FailedStart.check(orchestrator::start, "port " + taken.getLocalPort(),
          Leftovers.since("vert.x-", "vertx-").andSessionsOn(db));
    }
  }
}
