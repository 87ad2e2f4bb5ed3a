package dev.baton.analytics;

import dev.baton.testkit.FailedStart;
import dev.baton.testkit.Leftovers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** analytics-svc's start against a real PostgreSQL when its server cannot listen. */
class AnalyticsStartIT {

  @Test
  void aStartFailingOnATakenPortEndsItsDatabaseSessionsAndCannotBeRetried() throws Exception {
    try (AnalyticsFixture fixture = AnalyticsFixture.create();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Analytics analytics = Analytics.create(
          fixture.config(Map.of("BATON_ANALYTICS_PORT", Integer.toString(taken.getLocalPort()))), fixture.vertx());

      // by then it has migrated, opened its pool (creating the span partitions) and started alert evaluation
      FailedStart.check(analytics::start, "BATON_ANALYTICS_PORT: cannot serve on 127.0.0.1:" + taken.getLocalPort(),
          Leftovers.since("vert.x-", "vertx-").andSessionsOn(fixture.database().database()));
    }
  }
}
