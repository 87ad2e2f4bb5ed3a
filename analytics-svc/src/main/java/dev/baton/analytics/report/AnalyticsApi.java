package dev.baton.analytics.report;

import dev.baton.common.tenant.Tenants;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** AnalyticsService (proto/baton/v1/analytics.proto): reports over the rollups, scoped to the caller's tenant. */
public final class AnalyticsApi extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(AnalyticsApi.class);

  private final RollupQueries queries;
  private final Clock clock;

  public AnalyticsApi(Pool pool, Clock clock) {
    this.queries = new RollupQueries(pool);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void getBottleneckReport(GetBottleneckReportRequest request, StreamObserver<BottleneckReport> observer) {
    String tenant = Tenants.current();
    ReportWindow window;
    try {
      if (request.getWorkflow().isBlank()) {
        throw new InvalidReportRequest("workflow: missing (expected: a workflow name)");
      }
      window = ReportWindow.of(request.getWindow(), request.hasWindow(), clock.instant());
    } catch (InvalidReportRequest e) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    var current = queries.load(tenant, request.getWorkflow(), window.start(), window.end());
    var previous = queries.load(tenant, request.getWorkflow(), window.previousStart(), window.start());
    io.vertx.core.Future.all(current, previous).onComplete(done -> {
      if (done.failed()) {
        log.warn("bottleneck report of {} could not be read: {}", request.getWorkflow(), done.cause().toString());
        observer.onError(Status.UNAVAILABLE.withDescription("rollups could not be read: " + done.cause().getMessage())
            .asRuntimeException());
        return;
      }
      observer.onNext(BottleneckReports.build(request.getWorkflow(), window, current.result(), previous.result()));
      observer.onCompleted();
    });
  }
}
