package dev.baton.cli;

import static java.util.Objects.requireNonNull;

/**
 * A failure while handling one of several inputs (e.g. one file of {@code apply -f a -f b}):
 * {@link ErrorReporter} prefixes the cause's one-line message with the input's name.
 */
final class SourceFailure extends CliException {
  private static final long serialVersionUID = 1L;
  private final String source;

  SourceFailure(String source, RuntimeException cause) {
    super(source, requireNonNull(cause, "cause"));
    this.source = requireNonNull(source, "source");
  }

  String source() {
    return source;
  }
}
