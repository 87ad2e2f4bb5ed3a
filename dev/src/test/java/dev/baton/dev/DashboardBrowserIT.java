package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.Finding;
import dev.baton.proto.v1.FindingType;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.StepReport;
import dev.baton.proto.v1.WatchExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real browser against the real stack: headless Chromium (Debian's, via
 * playwright-core) signs in with an API key, starts the example lead pipeline from the form
 * (orchestrator over gRPC-Web, cross-origin), watches it reach 100% with every DAG node green
 * (progress-svc over gRPC-Web), and finds it in the list; draws a workflow's bottleneck report
 * (analytics-svc over gRPC-Web, cross-origin) on the Bottlenecks page; and shows nothing but the
 * sign-in page without a key. Screenshots land in dev/target/dashboard-*.png. Without
 * /usr/bin/chromium the browser test is skipped, unless BATON_REQUIRE_BROWSER=1 (CI).
 */
class DashboardBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(AnalyticsReports.FAST_ROLLUPS);

  private static String dashboardUrl(String host) {
    return "http://" + host + ":" + stack.platform().progress().port() + "/";
  }

  /** A new key of the default tenant, and the link that signs a browser tab in with it. */
  private static String newKey(Role role, String name) {
    return stack.platform().keys().createSecret("default", role, name);
  }

  private static DashboardLink link(String key) {
    return new DashboardLink(stack.platform().progress().port(), key);
  }

  @Test
  void startingTheLeadPipelineFromTheFormShowsItsProgressReachFullAndEveryStepSucceed() throws Exception {
    requireBrowser();
    // starting an execution takes an operator
    JsonNode result = WebClients.run("dashboard-browser", Duration.ofSeconds(180),
        "--link=" + link(newKey(Role.ROLE_OPERATOR, "dashboard-operator")).signIn(),
        "--workflow=lead-pipeline",
        "--input={\"audience\": \"CTOs of fintech startups in Berlin\"}",
        "--screenshots=" + WebClients.targetDir(),
        "--chromium=" + CHROMIUM);
    assertCompleted(result);
    assertThat(result.get("landingUrl").asText()).as("the key is out of the address bar")
        .isEqualTo(dashboardUrl("localhost") + "dashboard/#/");
    assertThat(result.get("pageErrors")).as("errors in the page").isEmpty();

    // the form really started it, on the orchestrator
    String id = result.get("executionId").asText();
    Execution execution = Executions.get(stack.platform().client(), id);
    assertThat(execution.getWorkflowName()).isEqualTo("lead-pipeline");
    assertThat(Json.parse(execution.getInputJson()).get("audience").asText())
        .isEqualTo("CTOs of fintech startups in Berlin");
    assertThat(execution.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);

    // the execution view followed it to the end
    assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(result.get("barPercent").asDouble()).isEqualTo(100.0);
    assertThat(result.get("barLabel").asText()).isEqualTo("100%");
    assertThat(result.get("barFillWidth").asText()).isEqualTo("100%");
    JsonNode seen = result.get("percentsSeen");
    assertThat(seen.get(seen.size() - 1).asDouble()).isEqualTo(100.0);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).asDouble()).as("percent never goes back: " + seen)
          .isGreaterThanOrEqualTo(seen.get(i - 1).asDouble());
    }
    assertThat(result.get("dagNodes")).extracting(n -> n.get("stepId").asText())
        .containsExactly("translate", "enrich", "email");
    for (JsonNode node : result.get("dagNodes")) {
      assertThat(node.get("state").asText()).as(node.toString()).isEqualTo("SUCCEEDED");
      assertThat(node.get("fill").asText()).as("green fill of " + node).isEqualTo("rgb(227, 246, 234)");
    }
    assertThat(result.get("attemptBars").asInt()).as("timeline rows").isGreaterThanOrEqualTo(3);
    assertThat(result.get("eta").asText()).startsWith("finished after");
    assertThat(result.get("definitionError").isNull()).as("GetWorkflow over CORS: " + result.get("definitionError"))
        .isTrue();

    // the list shows it with its status, and the status filter selects it
    assertThat(result.get("listRow").get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(result.get("listRow").get("percent").asDouble()).isEqualTo(100.0);
    assertThat(result.get("listRow").get("badge").asText()).isEqualTo("succeeded");
    assertThat(result.get("hiddenByFailedFilter").asBoolean()).isTrue();
    assertThat(result.get("shownBySucceededFilter").asBoolean()).isTrue();

    List<Path> shots = List.of(WebClients.targetDir().resolve("dashboard-execution.png"),
        WebClients.targetDir().resolve("dashboard-list.png"));
    for (Path shot : shots) {
      assertThat(shot).exists();
      assertThat(Files.size(shot)).as(shot.toString()).isGreaterThan(10_000);
    }
  }

  @Test
  void theBottlenecksPageDrawsTheReportOfAWorkflowWithABarPerStepItsPercentilesFindingsAndDependencies() {
    requireBrowser();
    // "slow" holds every execution up; "probe" calls an external API (the example lead provider)
    Executions.apply(stack.platform().client(), """
        name: report-ui
        steps:
          - id: prepare
            handler: noop
          - id: slow
            dependsOn: [prepare]
            handler: sleep
            input: { duration: 400ms }
          - id: probe
            dependsOn: [prepare]
            handler: http
            input: { method: GET, url: "%s/admin/stats" }
          - id: publish
            dependsOn: [slow, probe]
            handler: noop
        """.formatted(stack.platform().env().get("BATON_LEAD_PROVIDER_URL")));
    // ten: the findings rules need at least 10 attempts of a step
    List<String> ids = IntStream.range(0, 10)
        .mapToObj(i -> Executions.start(stack.platform().client(), "report-ui", "{}").getId()).toList();
    for (String id : ids) {
      assertThat(Executions.awaitEnd(stack.platform().client(), id, Duration.ofSeconds(60)).getStatus())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    }
    BottleneckReport report = AnalyticsReports.awaitReport(stack.platform(), "report-ui", ids.size());

    JsonNode result = WebClients.run("dashboard-bottlenecks", Duration.ofSeconds(120),
        "--link=" + link(newKey(Role.ROLE_VIEWER, "dashboard-viewer")).signIn(),
        "--workflow=report-ui",
        "--window=15m",
        "--screenshots=" + WebClients.targetDir(),
        "--chromium=" + CHROMIUM);
    assertCompleted(result);
    assertThat(result.get("pageErrors")).as("errors in the page").isEmpty();
    assertThat(result.get("url").asText()).endsWith("#/bottlenecks?workflow=report-ui&window=15m");
    assertThat(result.get("state").asText()).as(result.get("stateText").asText()).isEqualTo("ready");
    assertThat(result.get("stateText").asText()).startsWith("10 executions from ");
    assertThat(result.get("bottleneckStep").asText()).isEqualTo("slow").isEqualTo(report.getBottleneckStep());

    // (1) a bar per step, in the report's order, as long as its critical-path share
    List<String> steps = report.getStepsList().stream().map(StepReport::getStep).toList();
    assertThat(steps).containsExactlyInAnyOrder("prepare", "slow", "probe", "publish");
    JsonNode bars = result.get("criticalPath");
    assertThat(bars).extracting(b -> b.get("step").asText()).containsExactlyElementsOf(steps);
    for (int i = 0; i < steps.size(); i++) {
      JsonNode bar = bars.get(i);
      StepReport step = report.getSteps(i);
      assertThat(bar.get("share").asDouble()).as(bar.toString()).isCloseTo(step.getCriticalPathShare(), within(1e-4));
    }
    JsonNode slow = bars.get(0);
    assertThat(slow.get("parts")).extracting(JsonNode::asText).contains("run");
    // 500 px of plot (bottleneck-charts.ts) is 100% of the end-to-end time: the segments add up to the share
    assertThat(slow.get("width").asDouble()).as(slow.toString())
        .isCloseTo(500 * report.getSteps(0).getCriticalPathShare(), within(2.0));
    assertThat(slow.get("width").asDouble()).isGreaterThan(bars.get(steps.size() - 1).get("width").asDouble());

    // (2) p50 / p95 / p99 per step, the numbers of the report, longer bars for longer times
    JsonNode groups = result.get("percentiles");
    assertThat(groups).extracting(g -> g.get("step").asText()).containsExactlyElementsOf(steps);
    for (int i = 0; i < steps.size(); i++) {
      JsonNode quantiles = groups.get(i).get("bars");
      assertThat(quantiles).extracting(q -> q.get("quantile").asText()).containsExactly("p50", "p95", "p99");
      assertThat(quantiles.get(1).get("ms").asDouble()).isCloseTo(report.getSteps(i).getP95Ms(), within(0.1));
      assertThat(quantiles.get(2).get("width").asDouble()).isGreaterThanOrEqualTo(quantiles.get(0).get("width").asDouble());
    }
    assertThat(groups.get(0).get("bars").get(0).get("ms").asDouble()).as("slow's p50").isGreaterThanOrEqualTo(400.0);

    // (3) the previous window of a fresh stack is empty: every number is new
    assertThat(result.get("trendSteps")).extracting(t -> t.get("step").asText()).containsExactlyElementsOf(steps);
    assertThat(result.get("trendSteps")).extracting(t -> t.get("change").asText()).containsOnly("new");
    assertThat(result.get("trendTotal").asText()).isEqualTo("new");

    // (4) the findings of the report, with evidence and an action
    assertThat(report.getFindingsList()).extracting(Finding::getType).contains(FindingType.FINDING_TYPE_SLOW_STEP);
    JsonNode findings = result.get("findings");
    assertThat(findings).hasSize(report.getFindingsCount());
    assertThat(findings.get(0).get("type").asText())
        .isEqualTo(report.getFindings(0).getType().name().replace("FINDING_TYPE_", "").toLowerCase());
    for (JsonNode finding : findings) {
      assertThat(finding.get("evidence")).as(finding.toString()).isNotEmpty();
      assertThat(finding.get("action").asText()).as(finding.toString()).startsWith("Suggested: ").hasSizeGreaterThan(15);
    }

    // (5) the external API the probe step called
    assertThat(report.getDependenciesList()).isNotEmpty();
    JsonNode dependencies = result.get("dependencies");
    assertThat(dependencies).extracting(d -> d.get("host").asText())
        .containsExactlyElementsOf(report.getDependenciesList().stream().map(DependencyReport::getHost).toList());
    assertThat(dependencies.get(0).get("cells").get(1).asText())
        .isEqualTo(Long.toString(report.getDependencies(0).getCalls()));

    Path shot = WebClients.targetDir().resolve("dashboard-bottlenecks.png");
    assertThat(shot).exists();
  }

  @Test
  void theRootRedirectsToTheDashboardWhichIsServedOnTheProgressPort() throws Exception {
    HttpResponse<String> root = get(dashboardUrl("localhost"));
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("location")).hasValue("/dashboard/");

    HttpResponse<String> page = get(dashboardUrl("localhost") + "dashboard/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
    assertThat(get(dashboardUrl("localhost") + "dashboard/app.js").statusCode()).isEqualTo(200);
  }

  @Test
  void theConfigPointsThePageAtTheOrchestratorAndAnalyticsOnTheHostTheBrowserUsed() throws Exception {
    String orchestratorPort = stack.platform().orchestrators().get(0).target().replaceAll(".*:", "");
    int analyticsPort = stack.platform().analytics().port();
    for (String host : List.of("localhost", "127.0.0.1")) {
      HttpResponse<String> config = get(dashboardUrl(host) + "dashboard/config.json");
      assertThat(config.statusCode()).isEqualTo(200);
      JsonNode json = Json.parse(config.body());
      assertThat(json.get("orchestratorUrl").asText()).isEqualTo("http://" + host + ":" + orchestratorPort);
      assertThat(json.get("analyticsUrl").asText()).isEqualTo("http://" + host + ":" + analyticsPort);
      assertThat(json.has("tenant")).as("the tenant is the key's: " + json).isFalse();
    }
    // and both allow the dashboard's origin
    String origin = dashboardUrl("localhost").replaceAll("/$", "");
    assertThat(stack.platform().env().get("BATON_ORCHESTRATOR_CORS_ORIGINS")).contains(origin);
    assertThat(stack.platform().env().get("BATON_ANALYTICS_CORS_ORIGINS")).contains(origin);
  }

  @Test
  void withoutAKeyTheBrowserSeesOnlyTheSignInPageAWrongKeyIsRefusedAndSignOutForgetsTheKey() throws Exception {
    requireBrowser();
    LocalPlatform platform = stack.platform();
    String id = Executions.start(platform.client(), ExampleRun.WORKFLOW, ExampleRun.INPUT).getId();
    Executions.awaitEnd(platform.client(), id, Duration.ofSeconds(60));
    String viewer = newKey(Role.ROLE_VIEWER, "dashboard-signin");
    String revoked = newKey(Role.ROLE_VIEWER, "dashboard-revoked");
    String revokedId = BatonCredentials.apiKey(revoked).keyId();
    platform.client().keys().revokeApiKey(RevokeApiKeyRequest.newBuilder().setId(revokedId).build());
    // progress-svc's key ring drops it within its refresh interval: the scenario counts on the refusal
    try (BatonClient withRevoked = BatonClient.connect(platform.progressTarget(), BatonCredentials.apiKey(revoked))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> refused(withRevoked, id));
    }

    JsonNode result = WebClients.run("dashboard-signin", Duration.ofSeconds(120),
        "--url=" + dashboardUrl("localhost"),
        "--api-key=" + viewer,
        "--revoked-key=" + revoked,
        "--execution=" + id,
        "--link=" + link(viewer).execution(id),
        "--screenshots=" + WebClients.targetDir(),
        "--chromium=" + CHROMIUM);
    assertCompleted(result);
    assertThat(result.get("pageErrors")).as("errors in the page").isEmpty();

    // no key: the sign-in page, even at an execution's address, and the page called nothing
    assertSignedOut(result.get("signedOut"));
    assertThat(result.get("callsWithoutKey").asInt()).isZero();
    for (String service : List.of("progress", "orchestrator", "analytics")) {
      JsonNode call = result.get("unauthenticated").get(service);
      assertThat(call.get("status").asText()).as(service + ": " + call).isEqualTo("16"); // UNAUTHENTICATED
      assertThat(call.get("message").asText()).as(service).startsWith("authorization: missing");
    }

    // a wrong key: refused with the services' reason, and not kept
    assertSignedOut(result.get("wrongKey"));
    assertThat(result.get("wrongKey").get("message").asText()).startsWith("Key refused: authorization: ");

    // the right key: back to the execution asked for, the key in this tab's sessionStorage only
    JsonNode signedIn = result.get("signedIn");
    String executionUrl = dashboardUrl("localhost") + "dashboard/#/executions/" + id;
    assertThat(signedIn.get("url").asText()).isEqualTo(executionUrl);
    assertThat(signedIn.get("executionId").asText()).isEqualTo(id);
    assertThat(signedIn.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(signedIn.get("header").asText()).isEqualTo("key " + BatonCredentials.apiKey(viewer).keyId());
    assertHeldOnlyInTheSession(signedIn.get("storage"), viewer);
    JsonNode calls = result.get("callsSignedIn");
    assertThat(calls).extracting(c -> c.get("url").asText())
        .anyMatch(u -> u.contains("/baton.v1.ProgressService/"))
        .anyMatch(u -> u.contains("/baton.v1.WorkflowService/GetWorkflow"));
    for (JsonNode call : calls) {
      assertThat(call.get("authorization").asText()).as(call.get("url").asText()).isEqualTo("Bearer " + viewer);
      assertThat(call.get("tenantHeader").asBoolean()).as(call.get("url").asText()).isFalse();
    }

    // sign-out forgets it; a revoked key held by the tab brings the sign-in page back, saying why
    assertSignedOut(result.get("afterSignOut"));
    assertThat(result.get("afterSignOut").get("message").asText()).startsWith("Signed out");
    assertSignedOut(result.get("revoked"));
    assertThat(result.get("revoked").get("message").asText())
        .isEqualTo("Signed out: authorization: API key " + revokedId + " was revoked");

    // the link baton dev prints (here with the viewer's key): signed in, at the execution, no key in the address
    JsonNode linked = result.get("linked");
    assertThat(linked.get("url").asText()).isEqualTo(executionUrl);
    assertThat(linked.get("executionId").asText()).isEqualTo(id);
    assertHeldOnlyInTheSession(linked.get("storage"), viewer);
  }

  private static boolean refused(BatonClient client, String executionId) {
    try {
      // the execution has ended: a stream the key may read ends after its snapshot
      client.progress().withDeadlineAfter(5, TimeUnit.SECONDS)
          .watchExecution(WatchExecutionRequest.newBuilder().setExecutionId(executionId).build()).hasNext();
      return false;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
    }
  }

  /** What a signed-out tab showed: the form alone, no execution data, no key held. */
  private static void assertSignedOut(JsonNode view) {
    assertThat(view.get("signInForm").asBoolean()).as("sign-in form: " + view).isTrue();
    assertThat(view.get("navigation").asBoolean()).as("navigation: " + view).isFalse();
    assertThat(view.get("signOut").asBoolean()).as("sign-out control: " + view).isFalse();
    assertThat(view.get("executionRows").asInt()).as("execution rows: " + view).isZero();
    assertThat(view.get("executionView").asInt()).as("execution view: " + view).isZero();
    assertThat(view.get("heldKey").isNull()).as("key held: " + view).isTrue();
  }

  private static void assertHeldOnlyInTheSession(JsonNode storage, String key) {
    assertThat(storage.get("sessionKey").asText()).isEqualTo(key);
    assertThat(storage.get("localStorageItems").asInt()).as("localStorage").isZero();
    assertThat(storage.get("cookies").asText()).as("cookies").isEmpty();
  }

  private static void assertCompleted(JsonNode result) {
    if (result.has("failure")) {
      fail("the browser scenario failed: " + result.get("failure").asText() + "\nobserved: " + result);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void requireBrowser() {
    boolean present = Files.isExecutable(CHROMIUM);
    if (!present && "1".equals(System.getenv("BATON_REQUIRE_BROWSER"))) {
      fail(CHROMIUM + " is missing but BATON_REQUIRE_BROWSER=1: install it (apt-get install -y chromium)");
    }
    Assumptions.assumeTrue(present, CHROMIUM + " is not installed: browser test skipped");
  }
}
