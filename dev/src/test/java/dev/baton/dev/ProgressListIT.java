package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.proto.v1.ExecutionListUpdate;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.WatchExecutionsRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WatchExecutions through the real stack: filters, snapshot then changes, tenant isolation, bad input. */
class ProgressListIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  static final String OTHER_TENANT = "list-other";

  static ManagedChannel channel;
  static BatonCredentials otherKey;
  static BatonClient other;

  @BeforeAll
  static void connect() {
    channel = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
    otherKey = stack.platform().keys().create(OTHER_TENANT, Role.ROLE_ADMIN, "list-it");
    other = BatonClient.connect(stack.platform().orchestrators().get(0).target(), otherKey);
  }

  @AfterAll
  static void disconnect() {
    channel.shutdownNow();
    other.close();
  }

  /** Two sleeps: long enough for a list to see it running, then succeeded. */
  static String workflow(String name) {
    return """
        name: %s
        steps:
          - { id: a, handler: sleep, input: { duration: "600ms" } }
          - { id: b, handler: sleep, dependsOn: [a], input: { duration: "600ms" } }
        """.formatted(name);
  }

  static String finishedRun(BatonClient client, String workflow) {
    String id = Executions.start(client, workflow, "{}").getId();
    Executions.awaitEnd(client, id, Duration.ofSeconds(30));
    return id;
  }

  @Test
  void aWorkflowFilteredListStartsWithTheNewestMatchingExecutionsThenStreamsTheirChanges() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("list-wanted"));
    Executions.apply(client, workflow("list-unwanted"));
    String older = finishedRun(client, "list-wanted");
    String newer = finishedRun(client, "list-wanted");
    String unwanted = finishedRun(client, "list-unwanted");

    ListWatch watch = ListWatch.start(stack.admin(), WatchExecutionsRequest.newBuilder().setWorkflowName("list-wanted"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !watch.updates().isEmpty());
    ExecutionListUpdate snapshot = watch.updates().get(0);
    assertThat(snapshot.getSnapshot()).isTrue();
    assertThat(snapshot.getExecutionsList()).extracting(ExecutionProgress::getExecutionId).containsExactly(newer, older);
    assertThat(snapshot.getExecutionsList()).allSatisfy(p -> {
      assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(p.getPercent()).isEqualTo(100.0);
      assertThat(p.getStepsList()).isEmpty();
    });

    String started = Executions.start(client, "list-wanted", "{}").getId();
    String startedUnwanted = Executions.start(client, "list-unwanted", "{}").getId();

    await().atMost(Duration.ofSeconds(30)).until(() -> watch.latest(started)
        .filter(p -> p.getStatus() == ExecutionStatus.EXECUTION_STATUS_SUCCEEDED).isPresent());
    assertThat(watch.states(started)).first().satisfies(p -> {
      assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
      assertThat(p.getWorkflowName()).isEqualTo("list-wanted");
    });
    assertThat(watch.latest(started).orElseThrow().getPercent()).isEqualTo(100.0);
    assertThat(watch.updates()).allSatisfy(u -> assertThat(u.getSnapshot()).isEqualTo(u == snapshot));
    Executions.awaitEnd(client, startedUnwanted, Duration.ofSeconds(30));
    assertThat(watch.seenIds()).doesNotContain(unwanted, startedUnwanted);
    watch.cancel();
  }

  @Test
  void aStatusFilteredListReportsAnExecutionThatLeavesTheFilterAsRemoved() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("list-status"));
    String finished = finishedRun(client, "list-status");
    String running = Executions.start(client, "list-status", "{}").getId();

    ListWatch watch = ListWatch.start(stack.admin(), WatchExecutionsRequest.newBuilder().setWorkflowName("list-status")
        .addStatuses(ExecutionStatus.EXECUTION_STATUS_RUNNING));
    await().atMost(Duration.ofSeconds(10)).until(() -> !watch.updates().isEmpty());
    assertThat(watch.updates().get(0).getExecutionsList()).extracting(ExecutionProgress::getExecutionId)
        .containsExactly(running);

    await().atMost(Duration.ofSeconds(30)).until(() -> watch.removedIds().contains(running));
    assertThat(watch.states(running)).allSatisfy(p ->
        assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING));
    assertThat(watch.seenIds()).doesNotContain(finished);
    watch.cancel();
  }

  @Test
  void anotherTenantsExecutionsNeverAppearEvenWithTheSameWorkflowName() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, workflow("list-shared"));
    Executions.apply(other, workflow("list-shared"));
    String mineBefore = finishedRun(client, "list-shared");
    String theirsBefore = finishedRun(other, "list-shared");

    // the tenant is the key's: a header claiming another one (what clients sent before keys) is ignored
    Metadata claimsOther = new Metadata();
    claimsOther.put(Metadata.Key.of("x-baton-tenant", Metadata.ASCII_STRING_MARSHALLER), OTHER_TENANT);
    ListWatch mine = ListWatch.start(stack.admin(), WatchExecutionsRequest.newBuilder(), claimsOther);
    ListWatch theirs = ListWatch.start(otherKey, WatchExecutionsRequest.newBuilder().setWorkflowName("list-shared"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !mine.updates().isEmpty() && !theirs.updates().isEmpty());
    String mineLive = Executions.start(client, "list-shared", "{}").getId();
    String theirsLive = Executions.start(other, "list-shared", "{}").getId();

    await().atMost(Duration.ofSeconds(30)).until(() -> mine.latest(mineLive).filter(this::ended).isPresent()
        && theirs.latest(theirsLive).filter(this::ended).isPresent());
    assertThat(mine.seenIds()).contains(mineBefore, mineLive).doesNotContain(theirsBefore, theirsLive);
    assertThat(theirs.seenIds()).containsExactlyInAnyOrder(theirsBefore, theirsLive);
    mine.cancel();
    theirs.cancel();
  }

  @Test
  void badFiltersAreRejectedWithTheFieldNamed() {
    assertRejected(WatchExecutionsRequest.newBuilder().addStatusesValue(99),
        "statuses[0]: 99 (expected: RUNNING, SUCCEEDED, FAILED or CANCELLED)");
    assertRejected(WatchExecutionsRequest.newBuilder()
            .addStatuses(ExecutionStatus.EXECUTION_STATUS_RUNNING).addStatuses(ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED),
        "statuses[1]: 0");
    assertRejected(WatchExecutionsRequest.newBuilder().setLimit(-1), "limit: -1 (expected: 1..500");
    assertRejected(WatchExecutionsRequest.newBuilder().setLimit(501), "limit: 501");
    assertRejected(WatchExecutionsRequest.newBuilder().setWorkflowName("w".repeat(201)),
        "workflow_name: longer than 200 characters");
  }

  private boolean ended(ExecutionProgress p) {
    return p.getStatus() != ExecutionStatus.EXECUTION_STATUS_RUNNING;
  }

  private static void assertRejected(WatchExecutionsRequest.Builder request, String message) {
    Status status = ListWatch.start(stack.admin(), request).awaitEnd(Duration.ofSeconds(10));
    assertThat(status.getCode()).as(message).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains(message);
  }

  /** A WatchExecutions stream read by a plain grpc-java client: every update and how it ended. */
  static final class ListWatch implements StreamObserver<ExecutionListUpdate> {
    private final List<ExecutionListUpdate> updates = new ArrayList<>();
    private final Context.CancellableContext context = Context.current().withCancellation();
    private final CompletableFuture<Status> end = new CompletableFuture<>();

    static ListWatch start(BatonCredentials key, WatchExecutionsRequest.Builder request) {
      return start(key, request, new Metadata());
    }

    /** Watches with {@code key} and some more {@code headers}. */
    static ListWatch start(BatonCredentials key, WatchExecutionsRequest.Builder request, Metadata headers) {
      ListWatch watch = new ListWatch();
      watch.context.run(() -> ProgressServiceGrpc.newStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers), key.interceptor())
          .watchExecutions(request.build(), watch));
      return watch;
    }

    @Override
    public synchronized void onNext(ExecutionListUpdate update) {
      updates.add(update);
    }

    @Override
    public void onError(Throwable t) {
      end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      end.complete(Status.OK);
    }

    synchronized List<ExecutionListUpdate> updates() {
      return List.copyOf(updates);
    }

    /** Every state of the execution the list reported, in order. */
    synchronized List<ExecutionProgress> states(String executionId) {
      return updates.stream().flatMap(u -> u.getExecutionsList().stream())
          .filter(p -> p.getExecutionId().equals(executionId)).toList();
    }

    Optional<ExecutionProgress> latest(String executionId) {
      List<ExecutionProgress> states = states(executionId);
      return states.isEmpty() ? Optional.empty() : Optional.of(states.get(states.size() - 1));
    }

    synchronized List<String> seenIds() {
      return updates.stream().flatMap(u -> u.getExecutionsList().stream()).map(ExecutionProgress::getExecutionId)
          .distinct().toList();
    }

    synchronized List<String> removedIds() {
      return updates.stream().flatMap(u -> u.getRemovedExecutionIdsList().stream()).toList();
    }

    void cancel() {
      context.cancel(null);
    }

    Status awaitEnd(Duration timeout) {
      try {
        return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new AssertionError("list watch did not end within " + timeout, e);
      }
    }
  }
}
