package dev.baton.common.vertx;

import static dev.baton.common.vertx.PeriodicPass.spacedStep;
import static dev.baton.common.vertx.PeriodicPass.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.testkit.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PeriodicPassTest {
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFailingStepIsLoggedAndTheStepsAfterItStillRun() {
    PeriodicPass pass = pass(Duration.ofSeconds(1),
        step("first", () -> record("first")),
        step("second", () -> {
          ran.add("second");
          return Future.failedFuture(new IllegalStateException("database down"));
        }),
        step("third", () -> {
          ran.add("third");
          throw new IllegalStateException("thrown rather than failed");
        }),
        step("fourth", () -> record("fourth")));

    assertThat(pass.runOnce().succeeded()).isTrue();

    assertThat(ran).containsExactly("first", "second", "third", "fourth");
  }

  @Test
  void aSpacedStepRunsAtTheFirstPassAndThenOnlyOnceItsSpacingHasGoneBy() {
    PeriodicPass pass = pass(Duration.ofSeconds(1),
        step("often", () -> record("often")),
        spacedStep("cleanup", Duration.ofMinutes(10), () -> record("cleanup")));

    pass.runOnce();
    clock.advance(Duration.ofMinutes(9));
    pass.runOnce();
    clock.advance(Duration.ofMinutes(1));
    pass.runOnce();
    pass.runOnce();

    assertThat(ran).containsExactly("often", "cleanup", "often", "often", "cleanup", "often");
  }

  @Test
  void aPassIsNotOverlappedByTheNextOne() {
    Promise<Void> slow = Promise.promise();
    PeriodicPass pass = pass(Duration.ofSeconds(1), step("slow", () -> {
      ran.add("slow");
      return slow.future();
    }));

    Future<Void> first = pass.runOnce();
    Future<Void> second = pass.runOnce();

    assertThat(second.succeeded()).isTrue();
    assertThat(first.isComplete()).isFalse();
    assertThat(ran).containsExactly("slow");
    slow.complete();
    assertThat(first.succeeded()).isTrue();
    pass.runOnce();
    assertThat(ran).containsExactly("slow", "slow");
  }

  @Test
  void startedItRunsOnItsTimerUntilStoppedAndStartAndStopAreSafeTwice() {
    PeriodicPass pass = pass(Duration.ofMillis(20), step("tick", () -> record("tick")));

    pass.start();
    pass.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() >= 3);
    pass.stop();
    pass.stop();
    int afterStop = ran.size();

    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> ran.size() == afterStop);
    assertThat(pass.runOnce().succeeded()).isTrue();
    assertThat(ran).hasSize(afterStop);
  }

  private PeriodicPass pass(Duration interval, PeriodicPass.Step... steps) {
    return new PeriodicPass(vertx, interval, clock, LoggerFactory.getLogger(PeriodicPassTest.class), List.of(steps));
  }

  private Future<Void> record(String what) {
    ran.add(what);
    return Future.succeededFuture();
  }
}
