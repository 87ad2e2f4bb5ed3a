package dev.baton.orchestrator.engine;

import dev.baton.proto.v1.RecoveryActionKind;

/** Short names of {@link RecoveryActionKind} ("FALLBACK"), as events carry them. */
final class RecoveryActions {
  private static final String PREFIX = "RECOVERY_ACTION_KIND_";

  private RecoveryActions() {}

  static String shortName(RecoveryActionKind kind) {
    return kind.name().substring(PREFIX.length());
  }
}
