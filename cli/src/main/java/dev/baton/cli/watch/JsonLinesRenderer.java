package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.render.ProtoText;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import java.io.PrintWriter;

/** {@code -o json}: every update as one line of proto JSON (JSON Lines), nothing else. */
final class JsonLinesRenderer implements ProgressRenderer {
  private final PrintWriter out;

  JsonLinesRenderer(PrintWriter out) {
    this.out = requireNonNull(out, "out");
  }

  @Override
  public void update(ExecutionUpdate update) {
    out.println(ProtoText.jsonLine(update));
    out.flush();
  }

  @Override
  public void finished(ExecutionProgress outcome) {
    // the last update already carried the final state
  }

  @Override
  public void abandoned() {
    // every line printed is complete
  }
}
