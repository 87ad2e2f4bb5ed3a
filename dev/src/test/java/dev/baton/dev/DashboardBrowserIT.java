package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real browser against the real stack: headless Chromium (Debian's, via
 * playwright-core) starts the example lead pipeline from the form (orchestrator over gRPC-Web,
 * cross-origin), watches it reach 100% with every DAG node green (progress-svc over gRPC-Web),
 * and finds it in the list. Screenshots land in dev/target/dashboard-*.png. Without
 * /usr/bin/chromium the browser test is skipped, unless BATON_REQUIRE_BROWSER=1 (CI).
 */
class DashboardBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  private static String dashboardUrl(String host) {
    return "http://" + host + ":" + stack.platform().progress().port() + "/";
  }

  @Test
  void startingTheLeadPipelineFromTheFormShowsItsProgressReachFullAndEveryStepSucceed() throws Exception {
    requireBrowser();
    JsonNode result = WebClients.run("dashboard-browser", Duration.ofSeconds(180),
        "--url=" + dashboardUrl("localhost"),
        "--workflow=lead-pipeline",
        "--input={\"audience\": \"CTOs of fintech startups in Berlin\"}",
        "--screenshots=" + WebClients.targetDir(),
        "--chromium=" + CHROMIUM);
    if (result.has("failure")) {
      fail("the browser scenario failed: " + result.get("failure").asText() + "\nobserved: " + result);
    }
    assertThat(result.get("landingUrl").asText()).isEqualTo(dashboardUrl("localhost") + "dashboard/");
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
  void theConfigPointsThePageAtTheOrchestratorOnTheHostTheBrowserUsed() throws Exception {
    String orchestratorPort = stack.platform().orchestrators().get(0).target().replaceAll(".*:", "");
    for (String host : List.of("localhost", "127.0.0.1")) {
      HttpResponse<String> config = get(dashboardUrl(host) + "dashboard/config.json");
      assertThat(config.statusCode()).isEqualTo(200);
      assertThat(Json.parse(config.body()).get("orchestratorUrl").asText())
          .isEqualTo("http://" + host + ":" + orchestratorPort);
    }
    // and the orchestrator allows the dashboard's origin
    assertThat(stack.platform().env().get("BATON_ORCHESTRATOR_CORS_ORIGINS"))
        .contains(dashboardUrl("localhost").replaceAll("/$", ""));
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
