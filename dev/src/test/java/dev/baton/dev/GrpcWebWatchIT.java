package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WatchExecution over gRPC-Web from outside a browser: Node 20 with connect-web's gRPC-Web
 * transport and the code protoc-gen-es generated from proto/, against progress-svc's one port,
 * with a viewer's API key (and without one: refused).
 */
class GrpcWebWatchIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  /** Long enough (a dozen 150 ms items, two at a time) that the watch starts while it runs. */
  static final String SLOW = """
      name: grpcweb-slow
      steps:
        - { id: prepare, handler: noop }
        - id: items
          dependsOn: [prepare]
          handler: sleep
          forEach: { items: "input.items", concurrency: 2 }
          input: { duration: "150ms" }
        - { id: done, handler: noop, dependsOn: [items] }
      """;

  private static String viewerKey;

  @BeforeAll
  static void apply() {
    Executions.apply(stack.platform().client(), SLOW);
    viewerKey = stack.platform().keys().createSecret("default", Role.ROLE_VIEWER, "grpcweb-watch");
  }

  private static String url() {
    return "http://localhost:" + stack.platform().progress().port();
  }

  @Test
  void aNodeGrpcWebClientStreamsTheSnapshotThenEveryEventInOrderThenTheFinalState() throws Exception {
    Execution started = Executions.start(stack.platform().client(), "grpcweb-slow",
        "{\"items\": [1,2,3,4,5,6,7,8,9,10,11,12]}");
    CompletableFuture<JsonNode> fromStart = CompletableFuture.supplyAsync(() -> WebClients.run("grpcweb-watch",
        Duration.ofSeconds(60), "--url=" + url(), "--api-key=" + viewerKey, "--execution=" + started.getId(),
        "--resume-after=1"));
    CompletableFuture<JsonNode> fromNow = CompletableFuture.supplyAsync(() -> WebClients.run("grpcweb-watch",
        Duration.ofSeconds(60), "--url=" + url(), "--api-key=" + viewerKey, "--execution=" + started.getId()));

    JsonNode all = fromStart.get();
    JsonNode live = fromNow.get();
    List<EventRows.Row> rows = EventRows.of(stack.platform(), started.getId());
    long last = rows.get(rows.size() - 1).sequence();
    assertThat(rows.get(rows.size() - 1).type()).isEqualTo("EXECUTION_SUCCEEDED");

    assertThat(all.get("error").isNull()).as(all.get("error").toString()).isTrue();
    JsonNode updates = all.get("updates");
    assertThat(updates.get(0).get("snapshot").asBoolean()).isTrue();
    assertThat(updates.get(0).get("sequence").asLong()).isEqualTo(1);
    // every event after the snapshot once, in order, with the type and step the event log holds
    List<String> received = new ArrayList<>();
    for (int i = 1; i < updates.size(); i++) {
      JsonNode u = updates.get(i);
      assertThat(u.get("snapshot").asBoolean()).isFalse();
      if (!u.get("eventSequence").isNull()) {
        received.add(u.get("eventSequence").asLong() + " " + u.get("eventType").asText() + " "
            + u.get("stepId").asText());
      }
    }
    assertThat(received).containsExactlyElementsOf(rows.subList(1, rows.size()).stream()
        .map(r -> r.sequence() + " " + r.type() + " " + r.stepId()).toList());
    assertFinal(updates.get(updates.size() - 1), last);

    assertThat(live.get("error").isNull()).as(live.get("error").toString()).isTrue();
    JsonNode liveUpdates = live.get("updates");
    long snapshotAt = liveUpdates.get(0).get("sequence").asLong();
    assertThat(liveUpdates.get(0).get("snapshot").asBoolean()).isTrue();
    List<Long> liveSequences = new ArrayList<>();
    liveUpdates.forEach(u -> {
      if (!u.get("eventSequence").isNull()) {
        liveSequences.add(u.get("eventSequence").asLong());
      }
    });
    assertThat(liveSequences).containsExactlyElementsOf(LongStream.rangeClosed(snapshotAt + 1, last).boxed().toList());
    assertFinal(liveUpdates.get(liveUpdates.size() - 1), last);
  }

  @Test
  void aBadRequestEndsTheGrpcWebStreamWithTheStatusNamingTheField() {
    JsonNode result = WebClients.run("grpcweb-watch", Duration.ofSeconds(30), "--url=" + url(),
        "--api-key=" + viewerKey, "--execution=not-a-uuid");
    assertThat(result.get("updates")).isEmpty();
    assertThat(result.get("error").get("code").asText()).isEqualTo("3"); // INVALID_ARGUMENT
    assertThat(result.get("error").get("message").asText()).contains("execution_id: 'not-a-uuid'");
  }

  @Test
  void withoutAKeyTheGrpcWebStreamIsRefusedUnauthenticatedBeforeAnyUpdate() {
    Execution started = Executions.start(stack.platform().client(), "grpcweb-slow", "{\"items\": [1]}");

    JsonNode result = WebClients.run("grpcweb-watch", Duration.ofSeconds(30), "--url=" + url(),
        "--execution=" + started.getId());

    assertThat(result.get("updates")).isEmpty();
    assertThat(result.get("error").get("code").asText()).isEqualTo("16"); // UNAUTHENTICATED
    assertThat(result.get("error").get("message").asText()).startsWith("authorization: missing");
  }

  private static void assertFinal(JsonNode update, long last) {
    assertThat(update.get("sequence").asLong()).isEqualTo(last);
    assertThat(update.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(update.get("percent").asDouble()).isEqualTo(100.0);
    assertThat(update.get("steps")).hasSize(3);
    update.get("steps").forEach(s -> assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("SUCCEEDED"));
  }
}
