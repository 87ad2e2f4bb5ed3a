package dev.baton.cli;

import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.ApplyWorkflowResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton apply -f FILE}: stores each definition as a new version (or reports it unchanged). */
@Command(name = "apply", description = {
    "Validate workflow definitions (YAML or JSON) and store each as the new active version.",
    "A definition equal to the active version is left unchanged."})
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "Definition file, '-' for stdin. Repeat to apply several, in order.")
  List<String> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ApplyWorkflowResponse> applied = new ArrayList<>();
    try (OrchestratorConnection connection = root.connect()) {
      for (String file : files) {
        ApplyWorkflowResponse response = apply(connection, file);
        applied.add(response);
        if (!root.json()) {
          // printed as we go: when a later file fails, the ones before it did get applied
          out.println("workflow " + response.getName() + " version " + response.getVersion()
              + (response.getCreated() ? " (created)" : " (unchanged)"));
          out.flush();
        }
      }
    }
    if (root.json()) {
      out.println(applied.size() == 1 ? ProtoText.json(applied.get(0))
          : applied.stream().map(ProtoText::json).collect(Collectors.joining(",\n", "[", "]")));
      out.flush();
    }
    return 0;
  }

  private ApplyWorkflowResponse apply(OrchestratorConnection connection, String file) {
    try {
      String source = FileArgument.read(file, root.context().stdin());
      return connection.api().applyWorkflow(ApplyWorkflowRequest.newBuilder().setSourceText(source).build());
    } catch (RuntimeException e) {
      throw files.size() > 1 ? new SourceFailure(FileArgument.STDIN.equals(file) ? "stdin" : file, e) : e;
    }
  }
}
