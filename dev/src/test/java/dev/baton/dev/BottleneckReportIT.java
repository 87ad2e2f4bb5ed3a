package dev.baton.dev;

import static dev.baton.dev.AnalyticsReports.nanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.Finding;
import dev.baton.proto.v1.FindingType;
import dev.baton.proto.v1.StepReport;
import dev.baton.proto.v1.StepState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spans of real executions reach analytics-svc through the services' OTLP exporters, are rolled
 * up, and the bottleneck report finds what the test built in on purpose: a slow step and an
 * external API that fails 30% of its calls.
 */
class BottleneckReportIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(AnalyticsReports.FAST_ROLLUPS);

  private static final Logger log = LoggerFactory.getLogger(BottleneckReportIT.class);

  private static HttpServer provider;
  private static final AtomicInteger calls = new AtomicInteger();
  private static final AtomicInteger failures = new AtomicInteger();

  /** An external API failing 3 calls in every 10 (calls 1-3, 11-13, ...): 30% exactly, not by chance. */
  @BeforeAll
  static void startProvider() throws IOException {
    provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext("/score", exchange -> {
      int call = calls.getAndIncrement();
      int status = call % 10 < 3 ? 503 : 200;
      if (status != 200) {
        failures.incrementAndGet();
      }
      byte[] body = "{\"score\": 7}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    provider.start();
  }

  @AfterAll
  static void stopProvider() {
    if (provider != null) {
      provider.stop(0);
    }
  }

  @Test
  void aStepMadeSlowOnPurposeIsTheBottleneckWithItsTrueShareOfTheCriticalPath() {
    Executions.apply(stack.platform().client(), """
        name: slow-branch
        steps:
          - id: prepare
            handler: noop
          - id: render
            dependsOn: [prepare]
            handler: sleep
            input: { duration: 600ms }
          - id: notify
            dependsOn: [prepare]
            handler: sleep
            input: { duration: 50ms }
          - id: publish
            dependsOn: [render, notify]
            handler: noop
        """);
    List<Execution> done = runAll("slow-branch", 12);

    // the truth, from the orchestrator's own step records: render holds the executions up from
    // prepare's end to its own end
    long renderOnPath = 0;
    long endToEnd = 0;
    for (Execution e : done) {
      renderOnPath += nanos(step(e, "render").getEndTime()) - nanos(step(e, "prepare").getEndTime());
      endToEnd += nanos(e.getEndTime()) - nanos(e.getCreateTime());
    }
    double truth = (double) renderOnPath / endToEnd;

    BottleneckReport report = AnalyticsReports.awaitReport(stack.platform(), "slow-branch", done.size());
    assertThat(report.getExecutions().getExecutions()).isEqualTo(done.size());
    assertThat(report.getBottleneckStep()).isEqualTo("render");
    StepReport render = report.getSteps(0);
    assertThat(render.getStep()).isEqualTo("render");
    assertThat(render.getCriticalPathShare()).as("truth %.3f", truth).isCloseTo(truth, within(0.05));
    log.info("critical-path share of render: report {}, truth {}", render.getCriticalPathShare(), truth);
    // it sleeps 600 ms of its time on the path; the rest is its queue wait and the dispatch after prepare
    assertThat(render.getRunShare()).isCloseTo(600e6 * done.size() / renderOnPath, within(0.05));
    assertThat(render.getP50Ms()).isBetween(600.0, 900.0);
    assertThat(stepReport(report, "notify").getCriticalPathShare()).as("off the critical path").isZero();
    assertThat(report.getFindingsList()).filteredOn(f -> f.getType() == FindingType.FINDING_TYPE_SLOW_STEP)
        .extracting(Finding::getStep).containsExactly("render");

    // the same report through the command line, for people and for scripts
    String analytics = "localhost:" + stack.platform().analytics().port();
    CliRunner.Result table = CliRunner.baton(stack.platform(), "report", "bottlenecks", "slow-branch",
        "--analytics-server", analytics, "--since", "2h");
    assertThat(table.exit()).as(table.err()).isZero();
    log.info("baton report bottlenecks slow-branch:\n{}", table.out());
    assertThat(table.out()).contains("slow-branch: 12 executions").contains("bottleneck: render")
        .contains("slow_step: render is ");
    CliRunner.Result json = CliRunner.baton(stack.platform(), "report", "bottlenecks", "slow-branch",
        "--analytics-server", analytics, "-o", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode doc = Json.parse(json.out());
    assertThat(doc.path("bottleneckStep").asText()).isEqualTo("render");
    assertThat(doc.path("steps").get(0).path("criticalPathShare").asDouble())
        .isEqualTo(render.getCriticalPathShare());
    CliRunner.Result bad = CliRunner.baton(stack.platform(), "report", "bottlenecks", "slow-branch",
        "--analytics-server", analytics, "--since", "10s");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("INVALID_ARGUMENT: window: 10s (expected: between 1m and 30d)");
  }

  @Test
  void anApiFailingThirtyPercentOfCallsIsAFlakyDependencyWithItsFailureRate() {
    Executions.apply(stack.platform().client(), """
        name: scored-leads
        steps:
          - id: score
            handler: http
            input: { method: GET, url: "http://127.0.0.1:%d/score" }
            retry: { maxAttempts: 1 }
        """.formatted(provider.getAddress().getPort()));
    List<Execution> done = runAll("scored-leads", 30);
    assertThat(done).filteredOn(e -> e.getStatus() == ExecutionStatus.EXECUTION_STATUS_FAILED).hasSize(failures.get());
    double truth = (double) failures.get() / calls.get();

    BottleneckReport report = AnalyticsReports.awaitReport(stack.platform(), "scored-leads", done.size());
    log.info("failure rate of 127.0.0.1: report {}, truth {}", report.getDependenciesList(), truth);
    DependencyReport host = report.getDependenciesList().stream()
        .filter(d -> d.getHost().equals("127.0.0.1")).findFirst().orElseThrow();
    assertThat(host.getCalls()).isEqualTo(calls.get());
    assertThat(host.getFailureRate()).as("truth %.3f", truth).isCloseTo(0.3, within(0.05)).isCloseTo(truth, within(0.05));
    Finding flaky = report.getFindingsList().stream()
        .filter(f -> f.getType() == FindingType.FINDING_TYPE_FLAKY_DEPENDENCY).findFirst().orElseThrow();
    assertThat(flaky.getHost()).isEqualTo("127.0.0.1");
    assertThat(flaky.getEvidenceMap().get("failure_rate")).isCloseTo(truth, within(0.05));
    assertThat(report.getExecutions().getFailureRate()).isCloseTo(truth, within(0.05));
  }

  private static List<Execution> runAll(String workflow, int count) {
    List<String> ids = IntStream.range(0, count)
        .mapToObj(i -> Executions.start(stack.platform().client(), workflow, "{}").getId()).toList();
    return ids.stream().map(id -> Executions.awaitEnd(stack.platform().client(), id, Duration.ofSeconds(60))).toList();
  }

  private static StepState step(Execution e, String id) {
    return e.getStepsList().stream().filter(s -> s.getStepId().equals(id)).findFirst().orElseThrow();
  }

  private static StepReport stepReport(BottleneckReport report, String step) {
    return report.getStepsList().stream().filter(s -> s.getStep().equals(step)).findFirst().orElseThrow();
  }
}
