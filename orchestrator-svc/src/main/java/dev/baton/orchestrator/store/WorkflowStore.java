package dev.baton.orchestrator.store;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.definition.DefinitionCompiler;
import dev.baton.orchestrator.engine.WorkflowLookup;
import dev.baton.proto.v1.ApplyWorkflowResponse;
import dev.baton.proto.v1.Workflow;
import dev.baton.proto.v1.WorkflowDefinition;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflow definitions as immutable versions. Compiled versions are cached forever (a version
 * never changes); which version is active is always read from the database, so replicas agree.
 */
public final class WorkflowStore {
  private static final String VERSION_COLUMNS =
      "v.name, v.version, w.active_version, v.definition, v.created_at";

  private final Pool pool;
  private final Map<String, CompiledWorkflow> compiled = new ConcurrentHashMap<>();

  public WorkflowStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores the definition as the next version and activates it, unless it equals the active one. */
  public Future<ApplyWorkflowResponse> apply(String tenant, WorkflowDefinition definition, String sourceText) {
    String name = definition.getName();
    return pool.withTransaction(conn -> conn
        .preparedQuery("INSERT INTO workflows (tenant_id, name, active_version) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(tenant, name))
        .compose(v -> conn.preparedQuery("SELECT w.active_version, (SELECT max(version) FROM workflow_versions x "
                + "WHERE x.tenant_id = w.tenant_id AND x.name = w.name) AS latest, a.definition "
                + "FROM workflows w LEFT JOIN workflow_versions a ON a.tenant_id = w.tenant_id AND a.name = w.name "
                + "AND a.version = w.active_version WHERE w.tenant_id = $1 AND w.name = $2 FOR UPDATE OF w")
            .execute(Tuple.of(tenant, name)))
        .compose(rows -> {
          Row row = rows.iterator().next();
          int active = row.getInteger("active_version");
          if (active > 0 && definition(row).equals(definition)) {
            return Future.succeededFuture(ApplyWorkflowResponse.newBuilder()
                .setName(name).setVersion(active).setCreated(false).build());
          }
          Integer latest = row.getInteger("latest");
          int next = latest == null ? 1 : latest + 1;
          return conn.preparedQuery("INSERT INTO workflow_versions (tenant_id, name, version, definition, source_text) "
                  + "VALUES ($1, $2, $3, $4, $5)")
              .execute(Tuple.of(tenant, name, next, Rows.bytes(definition), sourceText))
              .compose(v -> conn.preparedQuery("UPDATE workflows SET active_version = $3, updated_at = now() "
                  + "WHERE tenant_id = $1 AND name = $2").execute(Tuple.of(tenant, name, next)))
              .map(v -> ApplyWorkflowResponse.newBuilder().setName(name).setVersion(next).setCreated(true).build());
        }));
  }

  /** One version (0 = active) of a workflow. */
  public Future<Optional<Workflow>> get(String tenant, String name, int version) {
    String versionFilter = version == 0 ? "v.version = w.active_version" : "v.version = $3";
    Tuple params = version == 0 ? Tuple.of(tenant, name) : Tuple.of(tenant, name, version);
    return pool.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM workflows w JOIN workflow_versions v "
            + "ON v.tenant_id = w.tenant_id AND v.name = w.name WHERE w.tenant_id = $1 AND w.name = $2 AND " + versionFilter)
        .execute(params)
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(workflow(rows.iterator().next())));
  }

  /** Active versions of the tenant's workflows, by name, after {@code afterName}. */
  public Future<List<Workflow>> list(String tenant, String afterName, int limit) {
    return pool.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM workflows w JOIN workflow_versions v "
            + "ON v.tenant_id = w.tenant_id AND v.name = w.name AND v.version = w.active_version "
            + "WHERE w.tenant_id = $1 AND w.name > $2 ORDER BY w.name LIMIT $3")
        .execute(Tuple.of(tenant, afterName, limit))
        .map(WorkflowStore::workflows);
  }

  public Future<List<Workflow>> versions(String tenant, String name) {
    return pool.preparedQuery("SELECT " + VERSION_COLUMNS + " FROM workflows w JOIN workflow_versions v "
            + "ON v.tenant_id = w.tenant_id AND v.name = w.name WHERE w.tenant_id = $1 AND w.name = $2 "
            + "ORDER BY v.version DESC")
        .execute(Tuple.of(tenant, name))
        .map(WorkflowStore::workflows);
  }

  /** Names of the tenant's workflows (to validate child-workflow references). */
  public Future<java.util.Set<String>> names(String tenant) {
    return pool.preparedQuery("SELECT name FROM workflows WHERE tenant_id = $1 AND active_version > 0")
        .execute(Tuple.of(tenant))
        .map(rows -> {
          java.util.Set<String> names = new java.util.HashSet<>();
          rows.forEach(r -> names.add(r.getString("name")));
          return names;
        });
  }

  /** A compiled version (0 = active), from the cache or the database. */
  public Future<Optional<WorkflowLookup.Resolved>> compiled(String tenant, String name, int version) {
    if (version > 0) {
      CompiledWorkflow hit = compiled.get(key(tenant, name, version));
      if (hit != null) {
        return Future.succeededFuture(Optional.of(new WorkflowLookup.Resolved(version, hit)));
      }
    }
    return get(tenant, name, version).map(found -> found.map(w -> {
      CompiledWorkflow c = compiled.computeIfAbsent(key(tenant, name, w.getVersion()),
          k -> DefinitionCompiler.compileTrusted(w.getDefinition()));
      return new WorkflowLookup.Resolved(w.getVersion(), c);
    }));
  }

  /**
   * Resolves the child workflows reachable from {@code root} (transitively), so that a transition
   * can start children without I/O. Versions pinned in the definition are honoured.
   */
  public Future<WorkflowLookup> childLookup(String tenant, CompiledWorkflow root) {
    Map<String, WorkflowLookup.Resolved> resolved = new HashMap<>();
    return resolveChildren(tenant, root, resolved).map(v -> (WorkflowLookup) (t, name, version) ->
        Optional.ofNullable(resolved.get(name + "@" + version)));
  }

  private Future<Void> resolveChildren(String tenant, CompiledWorkflow workflow,
      Map<String, WorkflowLookup.Resolved> resolved) {
    List<Future<Void>> pending = new ArrayList<>();
    workflow.steps().stream().filter(s -> s.isChildWorkflow()).forEach(s -> {
      String key = s.childWorkflow() + "@" + s.childWorkflowVersion();
      if (resolved.containsKey(key)) {
        return;
      }
      resolved.put(key, null);
      pending.add(compiled(tenant, s.childWorkflow(), s.childWorkflowVersion()).compose(found -> {
        if (found.isEmpty()) {
          resolved.remove(key);
          return Future.succeededFuture();
        }
        resolved.put(key, found.get());
        return resolveChildren(tenant, found.get().workflow(), resolved);
      }));
    });
    return Future.all(pending).mapEmpty();
  }

  private static String key(String tenant, String name, int version) {
    return tenant + "/" + name + "/" + version;
  }

  private static List<Workflow> workflows(Iterable<Row> rows) {
    List<Workflow> out = new ArrayList<>();
    rows.forEach(r -> out.add(workflow(r)));
    return out;
  }

  private static Workflow workflow(Row r) {
    return Workflow.newBuilder()
        .setName(r.getString("name"))
        .setVersion(r.getInteger("version"))
        .setActiveVersion(r.getInteger("active_version"))
        .setDefinition(definition(r))
        .setCreateTime(Rows.timestamp(Rows.instant(r, "created_at")))
        .build();
  }

  private static WorkflowDefinition definition(Row r) {
    var bytes = r.getBuffer("definition");
    if (bytes == null) {
      return WorkflowDefinition.getDefaultInstance();
    }
    try {
      return WorkflowDefinition.parseFrom(bytes.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored definition is corrupt: " + e.getMessage(), e);
    }
  }
}
