package dev.baton.common.audit;

import dev.baton.common.vertx.GroupCommit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Appends to auth.audit_log. Entries are group-committed (a burst of starts costs one INSERT, not
 * one each) and a call's answer waits for its entry to be written, so nothing a client saw happen
 * is missing from the log after a crash.
 */
public final class AuditLog {
  private final Pool pool;
  private final GroupCommit<AuditEntry, Void> commits;

  public AuditLog(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.commits = new GroupCommit<>(this::insert, 500, 2);
  }

  public Future<Void> append(AuditEntry entry) {
    return commits.submit(List.of(entry)).mapEmpty();
  }

  /** Deletes entries older than {@code cutoff} (retention); returns how many went. */
  public Future<Integer> deleteOlderThan(Instant cutoff) {
    return pool.preparedQuery("DELETE FROM auth.audit_log WHERE at < $1")
        .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))).map(rows -> rows.rowCount());
  }

  private Future<List<Void>> insert(List<AuditEntry> entries) {
    int n = entries.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] tenant = new String[n];
    String[] keyId = new String[n];
    String[] actor = new String[n];
    String[] method = new String[n];
    String[] targets = new String[n];
    String[] outcome = new String[n];
    String[] service = new String[n];
    for (int i = 0; i < n; i++) {
      AuditEntry e = entries.get(i);
      at[i] = OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC);
      tenant[i] = e.tenant();
      keyId[i] = e.actorKeyId();
      actor[i] = e.actorName();
      method[i] = e.method();
      targets[i] = new io.vertx.core.json.JsonArray(e.targets()).encode();
      outcome[i] = e.outcome();
      service[i] = e.service();
    }
    return pool.preparedQuery("INSERT INTO auth.audit_log (at, tenant, actor_key_id, actor_name, method, targets, "
            + "outcome, service) SELECT a, t, k, n, m, ARRAY(SELECT jsonb_array_elements_text(g::jsonb)), o, s "
            + "FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], "
            + "$8::text[]) AS u(a, t, k, n, m, g, o, s)")
        .execute(Tuple.tuple(List.of(at, tenant, keyId, actor, method, targets, outcome, service)))
        .map(rows -> Collections.nCopies(n, null));
  }
}
