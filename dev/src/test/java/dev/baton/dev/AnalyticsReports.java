package dev.baton.dev;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Test shorthands over the real AnalyticsService of a test platform. */
final class AnalyticsReports {
  /** Rollups run often and soon after an execution ends in the tests (one test platform per class). */
  static final java.util.Map<String, String> FAST_ROLLUPS = java.util.Map.of(
      "BATON_ANALYTICS_ROLLUP_INTERVAL", "250ms", "BATON_ANALYTICS_ROLLUP_GRACE", "1s");

  private AnalyticsReports() {}

  /** Waits until the report of the last hour counts {@code executions} executions of the workflow, and returns it. */
  static BottleneckReport awaitReport(LocalPlatform platform, String workflow, long executions) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", platform.analytics().port())
        .usePlaintext().build();
    try {
      var stub = AnalyticsServiceGrpc.newBlockingStub(channel)
          .withInterceptors(platform.keys().tenantAdmin().interceptor());
      AtomicReference<BottleneckReport> last = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
        last.set(stub.getBottleneckReport(GetBottleneckReportRequest.newBuilder().setWorkflow(workflow).build()));
        return last.get().getExecutions().getExecutions() >= executions;
      });
      return last.get();
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static long nanos(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }
}
