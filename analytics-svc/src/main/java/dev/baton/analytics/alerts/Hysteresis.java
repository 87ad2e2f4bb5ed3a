package dev.baton.analytics.alerts;

import dev.baton.proto.v1.AlertState;

/**
 * The state machine that keeps an alert from flapping. A rule fires after its condition held for
 * {@code forEvaluations} evaluations in a row (OK -> PENDING ... -> FIRING) and resolves only after
 * its metric was back past the recovery threshold for {@code recoverEvaluations} evaluations in a
 * row (FIRING -> RESOLVING ... -> OK). A metric between the threshold and the recovery threshold
 * resets the way out but never resolves; an evaluation with too few samples changes nothing, so a
 * workflow that stops running neither fires nor resolves.
 */
final class Hysteresis {
  private Hysteresis() {}

  /** What one evaluation saw, relative to the rule's thresholds. */
  enum Verdict {
    /** Past the threshold (the condition holds). */
    BREACHED,
    /** Back past the recovery threshold. */
    RECOVERED,
    /** Neither: between threshold and recovery threshold. */
    BETWEEN,
    /** Fewer samples than the rule's minimum. */
    TOO_FEW_SAMPLES
  }

  /** An alert's place: its state and how many evaluations in a row pushed toward the next one. */
  record Position(AlertState state, int streak) {
    static final Position OK = new Position(AlertState.ALERT_STATE_OK, 0);
  }

  /** Event a step records: none, the alert fired, or it resolved. */
  enum Transition { NONE, FIRED, RESOLVED }

  record Step(Position position, Transition transition) {}

  static Step next(Position at, Verdict verdict, int forEvaluations, int recoverEvaluations) {
    if (verdict == Verdict.TOO_FEW_SAMPLES) {
      return new Step(at, Transition.NONE);
    }
    return switch (at.state()) {
      case ALERT_STATE_FIRING, ALERT_STATE_RESOLVING -> {
        if (verdict != Verdict.RECOVERED) {
          yield stay(AlertState.ALERT_STATE_FIRING, 0);
        }
        int streak = at.state() == AlertState.ALERT_STATE_RESOLVING ? at.streak() + 1 : 1;
        yield streak >= recoverEvaluations ? new Step(Position.OK, Transition.RESOLVED)
            : stay(AlertState.ALERT_STATE_RESOLVING, streak);
      }
      default -> {
        if (verdict != Verdict.BREACHED) {
          yield new Step(Position.OK, Transition.NONE);
        }
        int streak = at.state() == AlertState.ALERT_STATE_PENDING ? at.streak() + 1 : 1;
        yield streak >= forEvaluations ? new Step(new Position(AlertState.ALERT_STATE_FIRING, 0), Transition.FIRED)
            : stay(AlertState.ALERT_STATE_PENDING, streak);
      }
    };
  }

  private static Step stay(AlertState state, int streak) {
    return new Step(new Position(state, streak), Transition.NONE);
  }
}
