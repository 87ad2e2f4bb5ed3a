package dev.baton.progress.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadQueueTest {
  private final Vertx vertx = Vertx.vertx();
  private final ReadQueue queue = new ReadQueue(2, OpenTelemetry.noop().getMeter("test"));
  private final List<Integer> started = new CopyOnWriteArrayList<>();
  private final List<Promise<String>> pending = new ArrayList<>();

  @AfterEach
  void close() {
    vertx.close();
  }

  private Future<String> submit(int n) {
    Promise<String> result = Promise.promise();
    pending.add(result);
    return queue.submit("test", () -> {
      started.add(n);
      return result.future();
    });
  }

  @Test
  void atMostMaxInFlightRunAndTheOthersWaitInOrderWithoutTimeLimit() {
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answers.add(submit(i));
    }
    assertThat(started).containsExactly(0, 1);
    assertThat(queue.waiting()).isEqualTo(3);

    pending.get(1).complete("one");
    assertThat(started).containsExactly(0, 1, 2);
    assertThat(answers.get(1).result()).isEqualTo("one");
    pending.get(0).fail(new IllegalStateException("database down"));
    assertThat(started).containsExactly(0, 1, 2, 3);
    assertThat(answers.get(0).cause()).hasMessage("database down");
    pending.get(2).complete("two");
    pending.get(3).complete("three");
    assertThat(started).containsExactly(0, 1, 2, 3, 4);
    assertThat(queue.waiting()).isZero();
    assertThat(answers.get(4).isComplete()).isFalse();

    pending.get(4).complete("four");
    assertThat(answers).allMatch(Future::isComplete);
    // both slots are free again
    submit(5);
    submit(6);
    assertThat(started).endsWith(5, 6);
    assertThat(queue.waiting()).isZero();
  }

  @Test
  void aQueryThatThrowsFailsItsReadAndFreesItsSlot() {
    Future<String> broken = queue.submit("test", () -> {
      throw new IllegalArgumentException("bad query");
    });
    assertThat(broken.cause()).hasMessage("bad query");
    submit(1);
    submit(2);
    assertThat(started).containsExactly(1, 2);
  }

  @Test
  void aReadThatWaitedStartsAndAnswersOnTheContextItWasSubmittedFrom() throws Exception {
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    submit(0);
    submit(1);
    CompletableFuture<Context> startedOn = new CompletableFuture<>();
    CompletableFuture<Context> answeredOn = new CompletableFuture<>();
    first.runOnContext(v -> queue.submit("test", () -> {
      startedOn.complete(Vertx.currentContext());
      return Future.succeededFuture("done");
    }).onComplete(ar -> answeredOn.complete(Vertx.currentContext())));
    assertThatThrownBy(() -> startedOn.get(100, TimeUnit.MILLISECONDS)).as("it waits for a free slot")
        .isInstanceOf(java.util.concurrent.TimeoutException.class);

    second.runOnContext(v -> pending.get(0).complete("zero"));

    assertThat(startedOn.get(10, TimeUnit.SECONDS)).isSameAs(first);
    assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isSameAs(first);
  }

  @Test
  void atLeastOneReadMustRunAtATime() {
    assertThatThrownBy(() -> new ReadQueue(0, OpenTelemetry.noop().getMeter("test")))
        .hasMessage("maxInFlight: 0 (expected: >= 1)");
  }
}
