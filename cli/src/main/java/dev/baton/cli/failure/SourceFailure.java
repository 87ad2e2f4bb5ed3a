package dev.baton.cli.failure;

import static java.util.Objects.requireNonNull;

/**
 * A failure while handling one of several inputs (e.g. one file of {@code apply -f a -f b}):
 * {@code dev.baton.cli.ErrorReporter} prefixes the cause's one-line message with the input's name.
 */
public final class SourceFailure extends CliException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public SourceFailure(String source, RuntimeException cause) {
    super(source, requireNonNull(cause, "cause"));
    this.source = requireNonNull(source, "source");
  }

  public String source() {
    return source;
  }
}
