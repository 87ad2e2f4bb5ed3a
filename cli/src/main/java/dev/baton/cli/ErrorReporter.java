package dev.baton.cli;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.failure.CliException;
import dev.baton.cli.failure.SourceFailure;
import dev.baton.cli.render.HumanTime;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The one place where a failed command becomes one line on stderr ("baton: ...") and exit code 1.
 * Set {@code BATON_DEBUG=1} to get the stack trace as well.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private final Supplier<String> server;
  private final boolean debug;

  /** @param server the address the command talked to, named when it cannot be reached */
  ErrorReporter(Supplier<String> server, boolean debug) {
    this.server = requireNonNull(server, "server");
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
    command.getErr().println("baton: " + oneLine(describe(ex)));
    if (debug) {
      ex.printStackTrace(command.getErr());
    }
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  String describe(Throwable ex) {
    if (ex instanceof SourceFailure failure) {
      return failure.source() + ": " + describe(failure.getCause());
    }
    if (ex instanceof StatusRuntimeException grpc) {
      return describe(grpc.getStatus());
    }
    if (ex instanceof CliException) {
      return ex.getMessage();
    }
    if (ex instanceof UncheckedIOException io) {
      return describe(io.getCause());
    }
    if (ex instanceof IOException) {
      return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
    if (ex instanceof InterruptedException) {
      return "interrupted";
    }
    return "unexpected " + ex + " (run with BATON_DEBUG=1 for the stack trace)";
  }

  private String describe(Status status) {
    return switch (status.getCode()) {
      case UNAVAILABLE -> "cannot reach the orchestrator at " + server.get() + " (is `bin/baton dev` running?)";
      case DEADLINE_EXCEEDED -> "the orchestrator at " + server.get() + " did not answer within "
          + HumanTime.duration(OrchestratorConnection.CALL_DEADLINE);
      default -> status.getDescription() == null ? status.getCode().name()
          : status.getCode() + ": " + status.getDescription();
    };
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }
}
