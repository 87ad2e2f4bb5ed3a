package dev.baton.cli.command;

import com.google.protobuf.MessageOrBuilder;
import dev.baton.cli.failure.SourceFailure;
import dev.baton.cli.render.ProtoText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code -f FILE} (repeatable, '-' for stdin) of the commands that send files ({@code apply},
 * {@code alerts rules put}): one call per file, in order. For people a line per file is printed as
 * soon as it is done, so that when a later file fails the ones before it are seen to have got
 * through; with {@code -o json} one document at the end, the answer or an array of them. A failure
 * names its file when there are several.
 */
public final class FileCalls {
  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
      description = "YAML or JSON file, '-' for stdin. Repeat for several, taken in order.")
  List<String> files;

  /**
   * @param call sends one file's text and returns the answer
   * @param line the line printed for an answer
   */
  public <R extends MessageOrBuilder> void run(BatonCommand root, PrintWriter out, Function<String, R> call,
      Function<R, String> line) {
    List<R> answers = new ArrayList<>();
    for (String file : files) {
      R answer;
      try {
        answer = call.apply(FileArgument.read(file, root.context().stdin()));
      } catch (RuntimeException e) {
        throw files.size() > 1 ? new SourceFailure(FileArgument.STDIN.equals(file) ? "stdin" : file, e) : e;
      }
      answers.add(answer);
      if (!root.json()) {
        out.println(line.apply(answer));
        out.flush();
      }
    }
    if (root.json()) {
      out.println(answers.size() == 1 ? ProtoText.json(answers.get(0))
          : answers.stream().map(ProtoText::json).collect(Collectors.joining(",\n", "[", "]")));
      out.flush();
    }
  }
}
