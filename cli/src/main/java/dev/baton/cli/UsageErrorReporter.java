package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad arguments: one line naming the command and the problem, a pointer to its help, exit code 2.
 * (picocli's default prints the whole usage, which buries the one line that matters.)
 */
final class UsageErrorReporter implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    String message = ex.getMessage().replaceAll("\\s*\\R\\s*", " ");
    String suggestion = "";
    if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      suggestion = " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
    }
    command.getErr().println(name + ": " + message + suggestion + " (see '" + name + " --help')");
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }
}
