package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.examples.provider.Faults;
import dev.baton.examples.provider.LeadProviderServer;
import dev.baton.proto.v1.Circuit;
import dev.baton.proto.v1.CircuitState;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.HandlerRun;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.SetNotificationChannelRequest;
import dev.baton.proto.v1.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The primary lead provider's circuit breaker, shared by two executors through Redis, under 50
 * concurrent lead pipelines: it opens after the threshold, the primary stops receiving requests,
 * steps go to the backup provider at once, and after recovery one probe closes it again.
 */
class CircuitBreakerIT {
  private static final int THRESHOLD = 5;
  private static final Duration OPEN_FOR = Duration.ofSeconds(3);
  private static final int EXECUTORS = 2;
  private static final int CONCURRENCY = 4;
  private static final String AUDIENCE = "{\"audience\": \"CTOs of fintech startups in Berlin\"}";

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of(
      "BATON_DEV_EXECUTORS", Integer.toString(EXECUTORS),
      "BATON_EXECUTOR_CONCURRENCY", Integer.toString(CONCURRENCY),
      "BATON_CIRCUIT_FAILURE_THRESHOLD", Integer.toString(THRESHOLD),
      "BATON_CIRCUIT_WINDOW", "60s",
      "BATON_CIRCUIT_OPEN_DURATION", "3s"));

  @Test
  void aPrimaryFailingHardStopsReceivingRequestsOnceItsBreakerOpensAndReceivesThemAgainAfterAProbeClosesIt() {
    LeadProviderServer primary = stack.platform().provider();
    LeadProviderServer backup = stack.platform().backupProvider();
    WebhookReceiver admins = WebhookReceiver.start();
    stack.platform().client().notifications().setNotificationChannel(SetNotificationChannelRequest.newBuilder()
        .setChannel(NotificationChannel.newBuilder().setName("circuits").setUrl(admins.url())
            .setSecret("circuit-it-secret-circuit-it-secret-0123").addKinds("CIRCUIT_OPENED"))
        .build());
    primary.faults(new Faults(1.0, 0, 0, 503));
    long started = System.nanoTime();
    List<Execution> done = runAll(50);
    Duration failingFor = Duration.ofNanos(System.nanoTime() - started);

    assertThat(done).allSatisfy(e -> {
      assertThat(e.getStatus()).as("execution %s: %s", e.getId(), e.getError())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(Json.parse(enrich(e).getOutputJson()).get(0).path("provider").asText()).isEqualTo("backup");
    });
    // Without the breaker each execution would send 4 attempts (its retry policy) to the primary: 200.
    // With it: the faults that open it, the calls already admitted when it opened (at most one per
    // worker slot), and one probe per open period.
    long probes = failingFor.toMillis() / OPEN_FOR.toMillis() + 1;
    long bound = THRESHOLD + (long) EXECUTORS * CONCURRENCY + probes;
    assertThat(primary.stats().requests()).as("requests the primary received in %s", failingFor)
        .isGreaterThanOrEqualTo(THRESHOLD)
        .isLessThanOrEqualTo(bound);
    assertThat(backup.stats().requests()).as("every execution was served by the backup").isGreaterThanOrEqualTo(50);
    // most executions never called the primary: their first attempt already met the open breaker
    long rejectedAtOnce = done.stream().filter(e -> {
      HandlerRun first = enrich(e).getRecovery().getHandlersTried(0);
      return first.getProvider().equals("primary") && first.getError().getCode().equals("CIRCUIT_OPEN")
          && first.getLastAttempt() == 1;
    }).count();
    assertThat(rejectedAtOnce).isGreaterThanOrEqualTo(50 - bound);
    assertThat(primaryCircuit()).satisfies(c -> {
      assertThat(c.getState()).isIn(CircuitState.CIRCUIT_STATE_OPEN, CircuitState.CIRCUIT_STATE_HALF_OPEN);
      assertThat(c.getTimesOpened()).isPositive();
      assertThat(c.getFailureThreshold()).isEqualTo(THRESHOLD);
      assertThat(c.getLastError()).startsWith("PROVIDER_DOWN: ");
    });

    // admins hear of the opening once (re-opening after a failed probe is not news)
    await().atMost(Duration.ofSeconds(10)).until(() -> !admins.received().isEmpty());
    assertThat(admins.received()).singleElement().satisfies(hook -> {
      JsonNode body = Json.parse(hook.body());
      assertThat(body.path("kind").asText()).isEqualTo("CIRCUIT_OPENED");
      assertThat(body.path("tenant").asText()).isEqualTo("default");
      assertThat(body.path("details").path("provider").asText()).isEqualTo("primary");
      assertThat(body.path("details").path("failures").asInt()).isEqualTo(THRESHOLD);
      assertThat(body.path("details").path("lastError").asText()).startsWith("PROVIDER_DOWN: ");
    });
    admins.close();

    primary.faults(Faults.NONE);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> primaryCircuit().getState() == CircuitState.CIRCUIT_STATE_HALF_OPEN);
    long beforeRecovery = primary.stats().requests();
    // one at first: while its attempt is the half-open probe, other calls would still be turned away
    Execution probing = runAll(1).get(0);
    assertThat(Json.parse(enrich(probing).getOutputJson()).get(0).path("provider").asText()).isEqualTo("primary");
    assertThat(primaryCircuit().getState()).isEqualTo(CircuitState.CIRCUIT_STATE_CLOSED);
    List<Execution> after = runAll(5);

    assertThat(after).allSatisfy(e -> {
      assertThat(e.getStatus()).as("execution %s: %s", e.getId(), e.getError())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(Json.parse(enrich(e).getOutputJson()).get(0).path("provider").asText()).isEqualTo("primary");
    });
    assertThat(primary.stats().requests() - beforeRecovery).as("the primary receives traffic again").isEqualTo(6);
    assertThat(primaryCircuit().getState()).isEqualTo(CircuitState.CIRCUIT_STATE_CLOSED);
    assertThat(primaryCircuit().getFailuresInWindow()).isZero();
  }

  private static List<Execution> runAll(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(Executions.start(stack.platform().client(), "lead-pipeline", AUDIENCE).getId());
    }
    List<Execution> done = new ArrayList<>();
    for (String id : ids) {
      done.add(Executions.awaitEnd(stack.platform().client(), id, Duration.ofSeconds(120)));
    }
    return done;
  }

  private static StepState enrich(Execution execution) {
    return Executions.get(stack.platform().client(), execution.getId()).getSteps(1);
  }

  private static Circuit primaryCircuit() {
    return stack.platform().client().circuits().listCircuits(ListCircuitsRequest.getDefaultInstance())
        .getCircuitsList().stream().filter(c -> c.getProvider().equals("primary")).findFirst().orElseThrow();
  }
}
