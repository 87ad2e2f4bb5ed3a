package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import dev.baton.orchestrator.Orchestrator;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.RotateApiKeyRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Revocation and rotation as every replica sees them: the orchestrator that serves the KeyService
 * call applies the change at once; the other orchestrator and the other services learn it from the
 * key ring's version within BATON_AUTH_REFRESH_INTERVAL (README, Security).
 */
class ApiKeyLifecycleIT {
  private static final Duration REFRESH = Duration.ofSeconds(1);
  /** On top of one refresh interval: the reload's two queries and this test's probes, on a busy machine. */
  private static final Duration RELOAD_WORK = Duration.ofSeconds(1);

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of(
      "BATON_AUTH_REFRESH_INTERVAL", REFRESH.toMillis() + "ms", "BATON_DEV_EXAMPLES", "false"));

  static Orchestrator first;
  static Orchestrator second;

  @BeforeAll
  static void twoReplicas() {
    first = stack.platform().orchestrators().get(0);
    second = stack.platform().startOrchestrator(Map.of());
  }

  @Test
  void aRevokedKeyIsRefusedAtOnceWhereItWasRevokedAndWithinOneRefreshIntervalEverywhereElse() {
    BatonCredentials key = stack.platform().keys().create("default", Role.ROLE_VIEWER, "to-revoke");
    assertThat(KeyProbes.answers(stack.platform(), key)).as("a viewer reads everywhere").containsOnlyKeys(
        "orchestrator 0", "orchestrator 1", "progress-svc", "analytics-svc").allSatisfy((service, answer) ->
        assertThat(answer).as(service).isEqualTo(Status.Code.OK));

    try (BatonClient admin = BatonClient.connect(first.target(), stack.admin())) {
      admin.keys().revokeApiKey(RevokeApiKeyRequest.newBuilder().setId(key.keyId()).build());
    }

    assertThat(KeyProbes.orchestratorAnswer(first, key)).as("where it was revoked")
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    await().atMost(REFRESH.plus(RELOAD_WORK)).pollInterval(Duration.ofMillis(20)).until(() ->
        KeyProbes.answers(stack.platform(), key).values().stream().allMatch(a -> a == Status.Code.UNAUTHENTICATED));
  }

  @Test
  void aRotatedKeysOldSecretWorksOnBothReplicasForExactlyTheGracePeriod() {
    Duration grace = Duration.ofSeconds(3);
    BatonCredentials old = stack.platform().keys().create("default", Role.ROLE_VIEWER, "to-rotate");
    // the database keeps microseconds
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    CreateApiKeyResponse rotated;
    try (BatonClient admin = BatonClient.connect(first.target(), stack.admin())) {
      rotated = admin.keys().rotateApiKey(RotateApiKeyRequest.newBuilder().setId(old.keyId())
          .setGrace(com.google.protobuf.Duration.newBuilder().setSeconds(grace.toSeconds())).build());
    }
    Instant until = instant(rotated.getKey().getPreviousSecretExpireTime());
    assertThat(until).isBetween(before.plus(grace), Instant.now().plus(grace));
    BatonCredentials fresh = BatonCredentials.apiKey(rotated.getSecret());
    assertThat(fresh.keyId()).isEqualTo(old.keyId());
    KeyProbes.awaitKnownEverywhere(stack.platform(), fresh);

    // the old secret on both replicas, every 50 ms, until both refuse it
    List<Probe> probes = new CopyOnWriteArrayList<>();
    await().atMost(grace.plus(REFRESH).plus(RELOAD_WORK)).pollInterval(Duration.ofMillis(50)).until(() -> {
      Probe onFirst = Probe.of(first, old);
      Probe onSecond = Probe.of(second, old);
      probes.add(onFirst);
      probes.add(onSecond);
      return onFirst.answer() == Status.Code.UNAUTHENTICATED && onSecond.answer() == Status.Code.UNAUTHENTICATED;
    });

    for (Orchestrator replica : List.of(first, second)) {
      List<Probe> on = probes.stream().filter(p -> p.replica() == replica).toList();
      assertThat(on).as("the old secret worked there during the grace")
          .anyMatch(p -> p.answer() == Status.Code.OK);
    }
    // a probe's answer was decided between its start and its end
    assertThat(probes).filteredOn(p -> p.answer() == Status.Code.OK).allSatisfy(p ->
        assertThat(p.start()).as("accepted only before the grace ended").isBefore(until));
    assertThat(probes).filteredOn(p -> p.answer() != Status.Code.OK).allSatisfy(p -> {
      assertThat(p.answer()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(p.end()).as("refused only once the grace ended").isAfterOrEqualTo(until);
    });
    assertThat(KeyProbes.answers(stack.platform(), fresh).values()).as("the new secret works everywhere")
        .containsOnly(Status.Code.OK);
  }

  private record Probe(Orchestrator replica, Instant start, Status.Code answer, Instant end) {
    static Probe of(Orchestrator replica, BatonCredentials key) {
      Instant start = Instant.now();
      Status.Code answer = KeyProbes.orchestratorAnswer(replica, key);
      return new Probe(replica, start, answer, Instant.now());
    }
  }

  private static Instant instant(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
  }
}
