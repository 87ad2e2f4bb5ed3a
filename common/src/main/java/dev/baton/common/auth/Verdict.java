package dev.baton.common.auth;

/** What checking a presented credential came to. */
public sealed interface Verdict {
  /** The credential is good: the call is made by {@code principal}. */
  record Accepted(Principal principal) implements Verdict {}

  /** The credential is refused; {@code reason} is safe to send to the caller. */
  record Refused(String reason) implements Verdict {}
}
