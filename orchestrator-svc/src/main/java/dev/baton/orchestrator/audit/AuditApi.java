package dev.baton.orchestrator.audit;

import com.google.protobuf.Timestamp;
import dev.baton.common.auth.Principal;
import dev.baton.common.grpc.FutureReplies;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.AuditEvent;
import dev.baton.proto.v1.AuditServiceGrpc;
import dev.baton.proto.v1.ListAuditEventsRequest;
import dev.baton.proto.v1.ListAuditEventsResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * gRPC {@code baton.v1.AuditService}: a tenant admin reads its tenant's entries, a platform admin
 * everyone's (or one tenant's). The tenant is in every statement.
 */
public final class AuditApi extends AuditServiceGrpc.AuditServiceImplBase {
  private final Pool pool;
  private final Function<Throwable, StatusRuntimeException> toStatus;

  public AuditApi(Pool pool, Function<Throwable, StatusRuntimeException> toStatus) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.toStatus = Objects.requireNonNull(toStatus, "toStatus");
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> observer) {
    Principal caller = Principal.ofCurrentCall().orElseThrow(() -> new IllegalStateException("unauthenticated call"));
    FutureReplies.reply(observer, () -> {
      int limit = request.getLimit();
      if (limit < 0 || limit > 1000) {
        throw OrchestratorException.invalid("limit: " + limit + " (expected: 1..1000, or 0 for 100)");
      }
      String tenant = request.getTenant();
      boolean everyTenant = caller.platformAdmin() && tenant.isEmpty();
      if (!caller.platformAdmin()) {
        if (!tenant.isEmpty() && !tenant.equals(caller.tenant())) {
          throw OrchestratorException.invalid("tenant: '" + tenant + "' (expected: empty or your own tenant)");
        }
        tenant = caller.tenant();
      }
      OffsetDateTime since = request.hasSince() ? time(request.getSince()) : OffsetDateTime.parse("1970-01-01T00:00:00Z");
      return pool.preparedQuery("SELECT id, at, tenant, actor_key_id, actor_name, method, targets, outcome, service "
              + "FROM auth.audit_log WHERE ($1 OR tenant = $2) AND at >= $3 "
              + "AND ($4 = '' OR actor_name = $4 OR actor_key_id = $4) ORDER BY at DESC, id DESC LIMIT $5")
          .execute(Tuple.of(everyTenant, tenant, since, request.getActor(), limit == 0 ? 100 : limit))
          .map(rows -> {
            ListAuditEventsResponse.Builder out = ListAuditEventsResponse.newBuilder();
            rows.forEach(row -> out.addEvents(event(row)));
            return out.build();
          });
    }, toStatus);
  }

  private static AuditEvent event(Row row) {
    OffsetDateTime at = row.getOffsetDateTime("at");
    AuditEvent.Builder event = AuditEvent.newBuilder()
        .setId(row.getLong("id"))
        .setTime(Timestamp.newBuilder().setSeconds(at.toEpochSecond()).setNanos(at.getNano()))
        .setActorKeyId(row.getString("actor_key_id"))
        .setActorName(row.getString("actor_name"))
        .setMethod(row.getString("method"))
        .addAllTargets(List.of(row.getArrayOfStrings("targets")))
        .setOutcome(row.getString("outcome"))
        .setService(row.getString("service"));
    if (row.getString("tenant") != null) {
      event.setTenant(row.getString("tenant"));
    }
    return event.build();
  }

  private static OffsetDateTime time(Timestamp ts) {
    return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()), ZoneOffset.UTC);
  }
}
