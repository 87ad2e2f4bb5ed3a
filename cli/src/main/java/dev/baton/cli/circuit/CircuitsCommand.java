package dev.baton.cli.circuit;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.Circuit;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.ListCircuitsResponse;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code baton circuits}: the tenant's circuit breakers of external providers. */
@Command(name = "circuits", aliases = "circuit",
    description = "List the circuit breakers of the providers steps call (state, faults in window, open until).")
public final class CircuitsCommand extends ListingCommand<ListCircuitsResponse> {
  @Override
  protected ListCircuitsResponse fetch() {
    try (OrchestratorConnection connection = root().connect()) {
      return connection.circuits().listCircuits(ListCircuitsRequest.getDefaultInstance());
    }
  }

  @Override
  protected Table table(ListCircuitsResponse circuits, HumanTime time) {
    Table table = new Table("PROVIDER", "STATE", "FAULTS", "POLICY", "OPENED", "OPEN UNTIL", "TIMES OPENED", "LAST ERROR");
    for (Circuit c : circuits.getCircuitsList()) {
      table.row(c.getProvider(), c.getState().name().substring("CIRCUIT_STATE_".length()),
          c.getFailuresInWindow() + "/" + c.getFailureThreshold(),
          "in " + HumanTime.duration(seconds(c.getWindow())) + ", open " + HumanTime.duration(seconds(c.getOpenDuration())),
          c.hasOpenedTime() ? time.timestamp(c.getOpenedTime()) : "-",
          c.hasOpenUntil() ? time.timestamp(c.getOpenUntil()) : "-",
          c.getTimesOpened(), c.getLastError().isEmpty() ? "-" : c.getLastError());
    }
    return table;
  }

  private static Duration seconds(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }
}
