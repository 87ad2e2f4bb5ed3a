package dev.baton.cli.key;

import com.google.protobuf.util.Timestamps;
import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.AuditEvent;
import dev.baton.proto.v1.ListAuditEventsRequest;
import dev.baton.proto.v1.ListAuditEventsResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton audit [--since 1h] [--actor NAME]}: who changed what (admins of a tenant; platform admins). */
@Command(name = "audit", description = "The audit log: every state-changing call with its actor, newest first.")
public final class AuditCommand extends ListingCommand<ListAuditEventsResponse> {
  @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Only entries of the last DURATION, e.g. 1h (default: all kept).")
  Duration since;

  @Option(names = "--actor", paramLabel = "NAME", description = "Only calls made by the key of this name or id.")
  String actor = "";

  @Option(names = "--tenant", paramLabel = "TENANT", description = "Platform admins: only this tenant's entries.")
  String tenant = "";

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N entries (1..1000).")
  int limit;

  @Override
  protected ListAuditEventsResponse fetch() {
    ListAuditEventsRequest.Builder request = ListAuditEventsRequest.newBuilder()
        .setActor(actor).setTenant(tenant).setLimit(limit);
    if (since != null) {
      request.setSince(Timestamps.fromMillis(root().context().clock().millis() - since.toMillis()));
    }
    try (OrchestratorConnection connection = OrchestratorConnection.open(root().server(), root().apiKeys().keyAdminKey())) {
      return connection.audit().withDeadlineAfter(OrchestratorConnection.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .listAuditEvents(request.build());
    }
  }

  @Override
  protected Table table(ListAuditEventsResponse answer, HumanTime time) {
    Table table = new Table("TIME", "TENANT", "ACTOR", "METHOD", "TARGETS", "OUTCOME");
    for (AuditEvent e : answer.getEventsList()) {
      table.row(time.timestamp(e.getTime()), e.getTenant().isEmpty() ? "*" : e.getTenant(),
          e.getActorName() + " (" + e.getActorKeyId() + ")", e.getMethod().substring(e.getMethod().indexOf('.') + 1),
          e.getTargetsCount() == 0 ? "-" : String.join(" ", e.getTargetsList()), e.getOutcome());
    }
    return table;
  }
}
