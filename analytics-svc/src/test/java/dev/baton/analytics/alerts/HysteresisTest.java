package dev.baton.analytics.alerts;

import static dev.baton.analytics.alerts.Hysteresis.Verdict.BETWEEN;
import static dev.baton.analytics.alerts.Hysteresis.Verdict.BREACHED;
import static dev.baton.analytics.alerts.Hysteresis.Verdict.RECOVERED;
import static dev.baton.analytics.alerts.Hysteresis.Verdict.TOO_FEW_SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.analytics.alerts.Hysteresis.Position;
import dev.baton.analytics.alerts.Hysteresis.Step;
import dev.baton.analytics.alerts.Hysteresis.Transition;
import dev.baton.analytics.alerts.Hysteresis.Verdict;
import dev.baton.proto.v1.AlertState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HysteresisTest {
  private static final int FOR = 3;
  private static final int RECOVER = 2;

  /** Runs the verdicts from OK and returns the transitions that happened, in order. */
  private static List<Transition> run(Verdict... verdicts) {
    Position at = Position.OK;
    List<Transition> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      Step step = Hysteresis.next(at, v, FOR, RECOVER);
      at = step.position();
      if (step.transition() != Transition.NONE) {
        out.add(step.transition());
      }
    }
    return out;
  }

  private static Position after(Verdict... verdicts) {
    Position at = Position.OK;
    for (Verdict v : verdicts) {
      at = Hysteresis.next(at, v, FOR, RECOVER).position();
    }
    return at;
  }

  @Test
  void firesOnlyAfterTheConditionHeldForTheGivenEvaluationsInARow() {
    assertThat(run(BREACHED, BREACHED)).isEmpty();
    assertThat(after(BREACHED, BREACHED)).isEqualTo(new Position(AlertState.ALERT_STATE_PENDING, 2));
    assertThat(run(BREACHED, BREACHED, BREACHED)).containsExactly(Transition.FIRED);
    assertThat(after(BREACHED, BREACHED, BREACHED).state()).isEqualTo(AlertState.ALERT_STATE_FIRING);
  }

  @Test
  void aBreachInterruptedByAHealthyEvaluationStartsCountingAgain() {
    assertThat(run(BREACHED, BREACHED, BETWEEN, BREACHED, BREACHED)).isEmpty();
    assertThat(run(BREACHED, BREACHED, RECOVERED, BREACHED, BREACHED, BREACHED)).containsExactly(Transition.FIRED);
  }

  @Test
  void firingStaysFiringWhileTheMetricHoversBetweenThresholdAndRecoveryThreshold() {
    assertThat(run(BREACHED, BREACHED, BREACHED, BETWEEN, BETWEEN, BREACHED, BETWEEN, BETWEEN, BETWEEN))
        .containsExactly(Transition.FIRED);
  }

  @Test
  void resolvesOnlyAfterRecoveringForTheGivenEvaluationsInARowAndThenFiresAgainOnlyAfterAFullStreak() {
    assertThat(run(BREACHED, BREACHED, BREACHED, RECOVERED)).containsExactly(Transition.FIRED);
    assertThat(after(BREACHED, BREACHED, BREACHED, RECOVERED)).isEqualTo(new Position(AlertState.ALERT_STATE_RESOLVING, 1));
    assertThat(run(BREACHED, BREACHED, BREACHED, RECOVERED, RECOVERED))
        .containsExactly(Transition.FIRED, Transition.RESOLVED);
    assertThat(run(BREACHED, BREACHED, BREACHED, RECOVERED, RECOVERED, BREACHED, BREACHED))
        .containsExactly(Transition.FIRED, Transition.RESOLVED);
  }

  @Test
  void aFlappingMetricFiresOnceAndNeverResolvesUntilItSettles() {
    // alternates between breach and recovery: each recovery streak is cut before it completes
    assertThat(run(BREACHED, BREACHED, BREACHED, RECOVERED, BREACHED, RECOVERED, BREACHED, RECOVERED, BETWEEN,
        RECOVERED, BREACHED)).containsExactly(Transition.FIRED);
  }

  @Test
  void tooFewSamplesNeitherFiresNorResolvesNorBreaksAStreak() {
    assertThat(run(TOO_FEW_SAMPLES, TOO_FEW_SAMPLES, TOO_FEW_SAMPLES, TOO_FEW_SAMPLES)).isEmpty();
    assertThat(run(BREACHED, TOO_FEW_SAMPLES, BREACHED, TOO_FEW_SAMPLES, BREACHED)).containsExactly(Transition.FIRED);
    assertThat(run(BREACHED, BREACHED, BREACHED, TOO_FEW_SAMPLES, TOO_FEW_SAMPLES, TOO_FEW_SAMPLES))
        .containsExactly(Transition.FIRED);
    assertThat(run(BREACHED, BREACHED, BREACHED, RECOVERED, TOO_FEW_SAMPLES, RECOVERED))
        .containsExactly(Transition.FIRED, Transition.RESOLVED);
  }

  @Test
  void oneEvaluationSettingsFireAndResolveImmediately() {
    Step fired = Hysteresis.next(Position.OK, BREACHED, 1, 1);
    assertThat(fired.transition()).isEqualTo(Transition.FIRED);
    assertThat(Hysteresis.next(fired.position(), RECOVERED, 1, 1).transition()).isEqualTo(Transition.RESOLVED);
  }
}
