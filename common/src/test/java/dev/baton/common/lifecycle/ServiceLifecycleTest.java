package dev.baton.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {
  private final List<String> closed = new ArrayList<>();
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("test-svc");

  private void open(String what) {
    lifecycle.onStop(what, () -> closed.add(what));
  }

  @Test
  void aStepFailingMidwayClosesWhatTheEarlierStepsOpenedInReverseOrderAndRethrows() {
    IllegalStateException failure = new IllegalStateException("BATON_TEST_PORT: port 7233 is taken");

    assertThatThrownBy(() -> lifecycle.start(() -> {
      open("pool");
      open("redis");
      open("timer");
      throw failure;
    })).isSameAs(failure);

    assertThat(closed).containsExactly("timer", "redis", "pool");
    assertThat(lifecycle.isRunning()).isFalse();
    assertThat(lifecycle.stop()).as("nothing left to stop").isFalse();
    assertThat(closed).hasSize(3);
  }

  @Test
  void aCloserThatFailsDoesNotKeepTheOthersOpenAndIsAttachedToTheStartFailure() {
    RuntimeException failure = new RuntimeException("server: cannot bind");

    assertThatThrownBy(() -> lifecycle.start(() -> {
      open("pool");
      lifecycle.onStop("redis", () -> {
        throw new IllegalStateException("redis: already gone");
      });
      open("timer");
      throw failure;
    })).isSameAs(failure);

    assertThat(closed).containsExactly("timer", "pool");
    assertThat(failure.getSuppressed()).singleElement()
        .satisfies(e -> assertThat(e).hasMessage("redis: already gone"));
  }

  @Test
  void stopClosesEverythingInReverseOrderOnceHoweverOftenItIsCalled() {
    lifecycle.start(() -> {
      open("pool");
      open("server");
    });
    assertThat(lifecycle.isRunning()).isTrue();

    assertThat(lifecycle.stop()).isTrue();
    assertThat(lifecycle.stop()).isFalse();

    assertThat(closed).containsExactly("server", "pool");
    assertThat(lifecycle.isRunning()).isFalse();
  }

  @Test
  void stopDrainsWhileEverythingIsStillOpenThenCloses() {
    lifecycle.start(() -> open("pool"));

    lifecycle.stop(() -> closed.add("drained with " + (closed.isEmpty() ? "pool open" : "pool closed")));

    assertThat(closed).containsExactly("drained with pool open", "pool");
  }

  @Test
  void stopBeforeStartDoesNothingAndThenStartIsRefused() {
    assertThat(lifecycle.stop(() -> closed.add("drain"))).isFalse();

    assertThatThrownBy(() -> lifecycle.start(() -> open("pool")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(closed).isEmpty();
  }

  @Test
  void aSecondStartIsRefusedWithAMessageNamingTheService() {
    lifecycle.start(() -> open("pool"));

    assertThatThrownBy(() -> lifecycle.start(() -> open("another pool")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("test-svc: start called twice (a service starts once; create another to start again)");
    assertThat(lifecycle.isRunning()).as("the first start still runs").isTrue();
  }

  @Test
  void aStartThatFailedCannotBeRetriedOnTheSameInstance() {
    assertThatThrownBy(() -> lifecycle.start(() -> {
      throw new IllegalStateException("no database");
    })).hasMessage("no database");

    assertThatThrownBy(() -> lifecycle.start(() -> open("pool")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start called twice");
  }

  @Test
  void nothingCanBeRegisteredOnceStopped() {
    lifecycle.start(() -> open("pool"));
    lifecycle.stop();

    assertThatThrownBy(() -> open("late timer"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("test-svc: cannot register 'late timer' while stopped");
  }
}
