package dev.baton.orchestrator.api;

import dev.baton.common.auth.Principal;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.orchestrator.execution.TaskResults;
import dev.baton.orchestrator.store.HandlerRegistry;
import dev.baton.orchestrator.store.TaskLeases;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.internal.v1.HeartbeatRequest;
import dev.baton.proto.internal.v1.HeartbeatResponse;
import dev.baton.proto.internal.v1.RegisterExecutorRequest;
import dev.baton.proto.internal.v1.RegisterExecutorResponse;
import dev.baton.proto.internal.v1.ReportResultsRequest;
import dev.baton.proto.internal.v1.ReportResultsResponse;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The executor-facing gRPC API: registrations, results (applied exactly once) and lease heartbeats.
 * A tenant-bound executor key reports on and renews only its tenant's tasks: another tenant's task
 * is to it as one that is no longer open (not applied; cancelled).
 */
public final class ExecutorApi extends ExecutorServiceGrpc.ExecutorServiceImplBase {
  private final TaskResults results;
  private final HandlerRegistry handlers;
  private final TaskLeases leases;
  private final Duration lease;
  private final Tracer tracer;

  public ExecutorApi(TaskResults results, HandlerRegistry handlers, TaskLeases leases, Duration lease, Tracer tracer) {
    this.results = results;
    this.handlers = handlers;
    this.leases = leases;
    this.lease = lease;
    this.tracer = tracer;
  }

  @Override
  public void registerExecutor(RegisterExecutorRequest request, StreamObserver<RegisterExecutorResponse> observer) {
    Replies.reply(observer, () -> {
      if (request.getExecutorId().isBlank()) {
        throw OrchestratorException.invalid("executor_id: required");
      }
      return handlers.register(request.getExecutorId(), request.getTaskQueuesList(), request.getHandlersList())
          .map(v -> RegisterExecutorResponse.getDefaultInstance());
    });
  }

  @Override
  public void reportResults(ReportResultsRequest request, StreamObserver<ReportResultsResponse> observer) {
    String tenant = callerTenant();
    Replies.reply(observer, () -> {
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < request.getResultsCount(); i++) {
        ids.add(Ids.parse("results[" + i + "].task_id", request.getResults(i).getTaskId()));
      }
      List<TaskResults.Result> reported = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        reported.add(result(ids.get(i), request.getResults(i)));
      }
      ResultSpans spans = ResultSpans.start(tracer, request);
      return apply(reported, ids, tenant)
          .onComplete(spans::end)
          .map(applied -> ReportResultsResponse.newBuilder().addAllApplied(applied).build());
    });
  }

  private Future<List<Boolean>> apply(List<TaskResults.Result> reported, List<UUID> ids, String tenant) {
    if (tenant == null) {
      return results.apply(reported);
    }
    return leases.ofTenant(ids, tenant).compose(own -> {
      List<TaskResults.Result> owned = reported.stream().filter(r -> own.contains(r.taskId())).toList();
      Future<List<Boolean>> applied = owned.isEmpty() ? Future.succeededFuture(List.of()) : results.apply(owned);
      return applied.map(outcomes -> {
        Iterator<Boolean> outcome = outcomes.iterator();
        return reported.stream().map(r -> own.contains(r.taskId()) && outcome.next()).toList();
      });
    });
  }

  /** The tenant of the caller's executor key; null for a platform-wide one (Baton's own executors). */
  private static String callerTenant() {
    return Principal.ofCurrentCall().map(Principal::tenant).orElse(null);
  }

  private static TaskResults.Result result(UUID taskId, TaskResult result) {
    Instant startedAt = result.hasStartTime()
        ? Instant.ofEpochSecond(result.getStartTime().getSeconds(), result.getStartTime().getNanos()) : null;
    return switch (result.getOutcomeCase()) {
      case OUTPUT_JSON -> {
        try {
          yield new TaskResults.Succeeded(taskId,
              result.getOutputJson().isEmpty() ? null : Json.parse(result.getOutputJson()), startedAt);
        } catch (IllegalArgumentException e) {
          yield new TaskResults.Failed(taskId, StepError.newBuilder().setCode(BuiltinCode.INVALID_OUTPUT.name())
              .setMessage("the handler's output is not JSON: " + e.getMessage()).build(), startedAt);
        }
      }
      case ERROR -> new TaskResults.Failed(taskId, result.getError(), startedAt);
      default -> new TaskResults.Failed(taskId, StepError.newBuilder().setCode(BuiltinCode.INVALID_RESULT.name())
          .setMessage("the executor reported neither output nor error").build(), startedAt);
    };
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> observer) {
    String tenant = callerTenant();
    Replies.reply(observer, () -> {
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < request.getTaskIdsCount(); i++) {
        ids.add(Ids.parse("task_ids[" + i + "]", request.getTaskIds(i)));
      }
      Future<Set<UUID>> renewed = tenant == null ? leases.renew(ids, lease)
          : leases.ofTenant(ids, tenant)
              .compose(own -> leases.renew(ids.stream().filter(own::contains).toList(), lease));
      return renewed.map(open -> HeartbeatResponse.newBuilder()
          .addAllCancelledTaskIds(ids.stream().filter(id -> !open.contains(id)).map(UUID::toString).toList())
          .build());
    });
  }
}
