package dev.baton.dev;

import static dev.baton.dev.TestHandlers.Counted.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.baton.dev.CliRunner.Result;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.FailedExecutionFilter;
import dev.baton.proto.v1.ListFailedExecutionsRequest;
import dev.baton.proto.v1.ListFailedExecutionsResponse;
import dev.baton.proto.v1.RetryFailedExecutionsRequest;
import dev.baton.proto.v1.RetryFailedExecutionsResponse;
import dev.baton.proto.v1.RetryFailedResult;
import dev.baton.sdk.client.BatonClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dead letters through the real gRPC API, PostgreSQL, Redis and executors: failed executions are
 * listed with their last error and filtered; a bulk retry re-runs exactly the matching ones from
 * their failed step (handler call counts prove that succeeded steps do not run again). Each test
 * uses its own workflows, so that the others' failures do not match its filters.
 */
class DeadLetterIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  private static final Actor OPS = Actor.newBuilder().setName("ops").setReason("provider is back").build();

  /**
   * enrich fails every attempt with INVALID when the input says valid: false (not retryable), else
   * its first attempt with FLAKY; either fails the execution (no retry policy). A re-run of a FLAKY
   * one succeeds.
   */
  private static String workflow(String name) {
    return """
        name: %s
        steps:
          - { id: fetch, handler: test-counted }
          - { id: enrich, handler: test-counted, dependsOn: [fetch], input: { valid: "${input.valid}" }, config: { failures: 1 } }
          - { id: send, handler: test-counted, dependsOn: [enrich] }
        """.formatted(name);
  }

  @Test
  void failedExecutionsAreListedWithTheirLastErrorAndFilteredByWorkflowCodeAndTime() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("dl-orders"));
    Executions.apply(client, workflow("dl-invoices"));
    Instant before = Instant.now().minusSeconds(1);
    List<String> ordersFlaky = failAll(client, "dl-orders", true, 2);
    List<String> ordersInvalid = failAll(client, "dl-orders", false, 1);
    List<String> invoicesFlaky = failAll(client, "dl-invoices", true, 1);
    List<String> invoicesInvalid = failAll(client, "dl-invoices", false, 1);
    Instant after = Instant.now().plusSeconds(1);

    List<Execution> flakyOrders = list(filter("dl-orders", "FLAKY")).getExecutionsList();
    assertThat(flakyOrders).extracting(Execution::getId).containsExactlyInAnyOrderElementsOf(ordersFlaky);
    assertThat(flakyOrders).allSatisfy(e -> {
      assertThat(e.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
      assertThat(e.getError().getStepId()).isEqualTo("enrich");
      assertThat(e.getError().getCode()).isEqualTo("FLAKY");
      assertThat(e.getError().getMessage()).isEqualTo("attempt 1 failed on purpose");
      assertThat(e.getError().getAttempt()).isEqualTo(1);
      assertThat(e.hasEndTime()).isTrue();
      assertThat(e.getStepsList()).as("list view without per-step state").isEmpty();
    });
    assertThat(ids(list(filter("dl-orders", "")))).containsExactlyInAnyOrderElementsOf(concat(ordersFlaky, ordersInvalid));
    assertThat(ids(list(filter("", "INVALID")))).containsExactlyInAnyOrderElementsOf(
        concat(ordersInvalid, invoicesInvalid));
    assertThat(ids(list(filter("dl-invoices", "INVALID")))).containsExactlyElementsOf(invoicesInvalid);
    assertThat(ids(list(filter("dl-orders", "TIMEOUT")))).isEmpty();

    assertThat(ids(list(filter("dl-orders", "").toBuilder().setFailedAfter(ts(before)).setFailedBefore(ts(after))
        .build()))).hasSize(3);
    assertThat(ids(list(filter("dl-orders", "").toBuilder().setFailedAfter(ts(after)).build()))).isEmpty();
    assertThat(ids(list(filter("dl-orders", "").toBuilder().setFailedBefore(ts(before)).build()))).isEmpty();
    Instant lastFlakyFailure = flakyOrders.stream().map(e -> Instant.ofEpochSecond(e.getEndTime().getSeconds(),
        e.getEndTime().getNanos())).max(Instant::compareTo).orElseThrow();
    assertThat(ids(list(filter("dl-orders", "FLAKY").toBuilder().setFailedAfter(ts(lastFlakyFailure)).build())))
        .as("failed_after is inclusive").hasSize(1);

    // newest failure first, one per page, every one exactly once
    List<Execution> paged = new ArrayList<>();
    String token = "";
    do {
      ListFailedExecutionsResponse page = client.workflows().listFailedExecutions(ListFailedExecutionsRequest
          .newBuilder().setFilter(filter("dl-orders", "")).setPageSize(1).setPageToken(token).build());
      paged.addAll(page.getExecutionsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(paged).extracting(Execution::getId).containsExactlyInAnyOrderElementsOf(concat(ordersFlaky, ordersInvalid));
    assertThat(paged).extracting(e -> e.getEndTime().getSeconds() * 1_000_000_000L + e.getEndTime().getNanos())
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void bulkRetryByWorkflowAndCodeRerunsExactlyTheMatchesFromTheirFailedStepAndADryRunChangesNothing() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("dl-retry-a"));
    Executions.apply(client, workflow("dl-retry-b"));
    List<String> aFlaky = failAll(client, "dl-retry-a", true, 2);
    List<String> aInvalid = failAll(client, "dl-retry-a", false, 1);
    List<String> bFlaky = failAll(client, "dl-retry-b", true, 1);
    List<String> all = concat(concat(aFlaky, aInvalid), bFlaky);
    Map<String, Long> eventsBefore = events(all);
    FailedExecutionFilter aFlakyFilter = filter("dl-retry-a", "FLAKY");

    RetryFailedExecutionsResponse dry = retry(aFlakyFilter, 500, true);
    assertThat(dry.getResultsList()).extracting(RetryFailedResult::getExecutionId)
        .containsExactlyInAnyOrderElementsOf(aFlaky);
    assertThat(dry.getResultsList()).allSatisfy(r -> {
      assertThat(r.getOutcome()).isEqualTo(RetryFailedResult.Outcome.OUTCOME_WOULD_RETRY);
      assertThat(r.getError().getCode()).isEqualTo("FLAKY");
    });
    assertThat(dry.getMore()).isFalse();
    RetryFailedExecutionsResponse dryLimited = retry(filter("dl-retry-a", ""), 1, true);
    assertThat(dryLimited.getResultsCount()).isEqualTo(1);
    assertThat(dryLimited.getMore()).as("3 match, 1 per call").isTrue();
    assertThat(events(all)).as("a dry run writes nothing").isEqualTo(eventsBefore);
    all.forEach(id -> assertThat(Executions.get(client, id).getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED));

    RetryFailedExecutionsResponse retried = retry(aFlakyFilter, 500, false);
    assertThat(retried.getResultsList()).extracting(RetryFailedResult::getExecutionId)
        .containsExactlyInAnyOrderElementsOf(aFlaky);
    assertThat(retried.getResultsList()).extracting(RetryFailedResult::getOutcome)
        .containsOnly(RetryFailedResult.Outcome.OUTCOME_RETRIED);
    // at once, while they may still run: they are no longer FAILED, so nothing is retried twice
    assertThat(retry(aFlakyFilter, 500, false).getResultsList()).isEmpty();

    for (String id : aFlaky) {
      Execution done = Executions.awaitEnd(client, id, Duration.ofSeconds(30));
      assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(calls(id, "fetch")).as("succeeded before the failure: not run again").isEqualTo(1);
      assertThat(calls(id, "enrich")).isEqualTo(2);
      assertThat(calls(id, "send")).isEqualTo(1);
      assertThat(EventRows.of(stack.platform(), id).stream().filter(e -> e.type().equals("INTERVENTION")))
          .singleElement().satisfies(e -> {
            assertThat(e.payload().path("action").asText()).isEqualTo("RETRY_STEP");
            assertThat(e.payload().path("actor").asText()).isEqualTo("ops");
            assertThat(e.payload().path("reason").asText()).isEqualTo("provider is back");
          });
    }
    for (String id : concat(aInvalid, bFlaky)) {
      assertThat(Executions.get(client, id).getStatus()).as("did not match: stays FAILED")
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
      assertThat(calls(id, "enrich")).isEqualTo(1);
      assertThat(events(List.of(id))).isEqualTo(Map.of(id, eventsBefore.get(id)));
    }
    assertThat(ids(list(filter("dl-retry-a", "")))).containsExactlyElementsOf(aInvalid);
  }

  @Test
  void badInputIsInvalidArgumentNamingTheFieldAndChangesNothing() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("dl-bad"));
    List<String> failed = failAll(client, "dl-bad", true, 1);
    Map<String, Long> eventsBefore = events(failed);
    Timestamp now = ts(Instant.now());
    Timestamp hourAgo = ts(Instant.now().minusSeconds(3600));

    invalid(() -> retry(FailedExecutionFilter.getDefaultInstance(), 10, false), "filter: required");
    invalid(() -> client.workflows().retryFailedExecutions(RetryFailedExecutionsRequest.newBuilder().setAll(true)
        .setFilter(filter("dl-bad", "")).setActor(OPS).build()), "all: true together with a filter");
    invalid(() -> retry(filter("dl-bad", ""), 501, false), "limit: 501 (expected: 1..500)");
    invalid(() -> client.workflows().retryFailedExecutions(RetryFailedExecutionsRequest.newBuilder()
        .setFilter(filter("dl-bad", "")).build()), "actor.name: required");
    invalid(() -> retry(filter("dl-bad", "").toBuilder().setFailedAfter(now).setFailedBefore(hourAgo).build(), 10,
        false), "filter.failed_before:");
    invalid(() -> list(filter("dl-bad", "").toBuilder().setFailedAfter(now).setFailedBefore(hourAgo).build()),
        "filter.failed_before:");
    invalid(() -> client.workflows().listFailedExecutions(ListFailedExecutionsRequest.newBuilder().setPageSize(1001)
        .build()), "page_size: 1001 (expected: 1..1000)");
    invalid(() -> client.workflows().listFailedExecutions(ListFailedExecutionsRequest.newBuilder()
        .setPageToken("bm9wZQ").build()), "page_token:");

    assertThat(events(failed)).isEqualTo(eventsBefore);
    assertThat(Executions.get(client, failed.get(0)).getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
  }

  @Test
  void theCliListsDeadLettersAndRetriesThemInBulk() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("dl-cli"));
    List<String> flaky = failAll(client, "dl-cli", true, 2);
    List<String> invalid = failAll(client, "dl-cli", false, 1);

    Result listed = baton("dead-letters", "--workflow", "dl-cli", "--since", "10m");
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("FAILED AT").contains("STEP").contains("CODE").contains("MESSAGE");
    concat(flaky, invalid).forEach(id -> assertThat(listed.out()).contains(id));
    assertThat(listed.out()).contains("enrich").contains("FLAKY").contains("attempt 1 failed on purpose")
        .contains("INVALID").contains("input is not valid");
    Result flakyOnly = baton("dead-letters", "--workflow", "dl-cli", "--code", "FLAKY");
    flaky.forEach(id -> assertThat(flakyOnly.out()).contains(id));
    assertThat(flakyOnly.out()).doesNotContain(invalid.get(0));
    assertThat(baton("dead-letters", "--workflow", "dl-cli", "--from", "2000-01-01T00:00:00Z", "--to",
        "2000-01-02T00:00:00Z").out()).doesNotContain(flaky.get(0));

    Result dry = baton("retry-failed", "--workflow", "dl-cli", "--code", "FLAKY", "--dry-run", "--reason", "check");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("WOULD RETRY").contains("would retry 2, skipped 0");
    assertThat(Executions.get(client, flaky.get(0)).getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);

    Result retried = baton("retry-failed", "--workflow", "dl-cli", "--code", "FLAKY", "--actor", "ada",
        "--reason", "provider is back");
    assertThat(retried.exit()).as(retried.err()).isZero();
    assertThat(retried.out()).contains("RETRIED").contains("retried 2, skipped 0");
    for (String id : flaky) {
      assertThat(Executions.awaitEnd(client, id, Duration.ofSeconds(30)).getStatus())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    }
    assertThat(Executions.get(client, invalid.get(0)).getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);

    Result noFilter = baton("retry-failed", "--reason", "everything");
    assertThat(noFilter.exit()).isNotZero();
    assertThat(noFilter.err()).contains("INVALID_ARGUMENT").contains("filter: required");
    Result both = baton("dead-letters", "--since", "1h", "--from", "2000-01-01T00:00:00Z");
    assertThat(both.exit()).isNotZero();
    assertThat(both.err()).contains("--since: not together with --from/--to");
  }

  /** Starts {@code n} executions of the workflow and waits until each has FAILED. */
  private static List<String> failAll(BatonClient client, String workflow, boolean valid, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(Executions.start(client, workflow, "{\"valid\":" + valid + "}").getId());
    }
    for (String id : ids) {
      Execution done = Executions.awaitEnd(stack.platform().client(), id, Duration.ofSeconds(30));
      assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    }
    return ids;
  }

  private static FailedExecutionFilter filter(String workflow, String code) {
    return FailedExecutionFilter.newBuilder().setWorkflowName(workflow).setErrorCode(code).build();
  }

  private static ListFailedExecutionsResponse list(FailedExecutionFilter filter) {
    return stack.platform().client().workflows().listFailedExecutions(ListFailedExecutionsRequest.newBuilder()
        .setFilter(filter).build());
  }

  private static RetryFailedExecutionsResponse retry(FailedExecutionFilter filter, int limit, boolean dryRun) {
    return stack.platform().client().workflows().retryFailedExecutions(RetryFailedExecutionsRequest.newBuilder()
        .setFilter(filter).setActor(OPS).setLimit(limit).setDryRun(dryRun).build());
  }

  private static List<String> ids(ListFailedExecutionsResponse response) {
    return response.getExecutionsList().stream().map(Execution::getId).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static Map<String, Long> events(List<String> ids) {
    return ids.stream().collect(java.util.stream.Collectors.toMap(Function.identity(), id -> Db.count(stack.platform(),
        "SELECT count(*) FROM execution_events WHERE execution_id = '" + id + "'")));
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Result baton(String... args) {
    return CliRunner.baton(stack.platform(), args);
  }

  private static void invalid(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).contains(message);
    });
  }
}
