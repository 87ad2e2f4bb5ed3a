package dev.baton.analytics.report;

import dev.baton.analytics.error.AnalyticsException;
import dev.baton.analytics.error.Statuses;
import dev.baton.common.grpc.FutureReplies;
import dev.baton.common.tenant.Tenants;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Objects;

/** AnalyticsService (proto/baton/v1/analytics.proto): reports over the rollups, scoped to the caller's tenant. */
public final class AnalyticsApi extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
  private final RollupQueries queries;
  private final Clock clock;

  public AnalyticsApi(Pool pool, Clock clock) {
    this.queries = new RollupQueries(pool);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void getBottleneckReport(GetBottleneckReportRequest request, StreamObserver<BottleneckReport> observer) {
    String tenant = Tenants.current();
    FutureReplies.reply(observer, () -> {
      if (request.getWorkflow().isBlank()) {
        throw AnalyticsException.invalidRequest("workflow: missing (expected: a workflow name)");
      }
      ReportWindow window = ReportWindow.of(request.getWindow(), request.hasWindow(), clock.instant());
      var current = queries.load(tenant, request.getWorkflow(), window.start(), window.end());
      var previous = queries.load(tenant, request.getWorkflow(), window.previousStart(), window.start());
      return Future.all(current, previous).map(done ->
          BottleneckReports.build(request.getWorkflow(), window, current.result(), previous.result()));
    }, error -> Statuses.exception(error, "reading the rollups of " + request.getWorkflow()));
  }
}
