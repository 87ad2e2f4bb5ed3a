package dev.baton.orchestrator.api;

import dev.baton.common.telemetry.TraceParent;

import dev.baton.orchestrator.OrchestratorException;
import dev.baton.orchestrator.definition.DefinitionCompiler;
import dev.baton.orchestrator.definition.DefinitionParser;
import dev.baton.orchestrator.definition.InvalidDefinitionException;
import dev.baton.orchestrator.transition.ExecutionDriver;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.ExecutionState;
import dev.baton.orchestrator.transition.TransitionBatcher;
import dev.baton.orchestrator.store.ExecutionQueries;
import dev.baton.orchestrator.store.HandlerRegistry;
import dev.baton.orchestrator.store.WorkflowStore;
import dev.baton.common.status.ExecutionStatuses;
import dev.baton.orchestrator.engine.Interventions;
import dev.baton.orchestrator.execution.BulkRetry;
import dev.baton.proto.v1.FailStepRequest;
import dev.baton.proto.v1.ListFailedExecutionsRequest;
import dev.baton.proto.v1.ListFailedExecutionsResponse;
import dev.baton.proto.v1.RetryFailedExecutionsRequest;
import dev.baton.proto.v1.RetryFailedExecutionsResponse;
import dev.baton.proto.v1.ListInterventionsRequest;
import dev.baton.proto.v1.ListInterventionsResponse;
import dev.baton.proto.v1.PauseExecutionRequest;
import dev.baton.proto.v1.ResumeExecutionRequest;
import dev.baton.proto.v1.ResumeStepRequest;
import dev.baton.proto.v1.RetryStepRequest;
import dev.baton.proto.v1.SkipStepRequest;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.ApplyWorkflowResponse;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.GetWorkflowRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.ListWorkflowVersionsRequest;
import dev.baton.proto.v1.ListWorkflowVersionsResponse;
import dev.baton.proto.v1.ListWorkflowsRequest;
import dev.baton.proto.v1.ListWorkflowsResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.Workflow;
import dev.baton.proto.v1.WorkflowDefinition;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The client-facing gRPC API (WorkflowService). Validates, then delegates to the stores and the driver. */
public final class WorkflowApi extends WorkflowServiceGrpc.WorkflowServiceImplBase {
  private static final String UNIQUE_VIOLATION = "23505";

  private final WorkflowStore workflows;
  private final HandlerRegistry handlers;
  private final ExecutionQueries executions;
  private final ExecutionDriver driver;
  private final TransitionBatcher batcher;
  private final StartRequestValidator startValidator;
  private final Clock clock;
  private final InterventionCalls interventions;
  private final DeadLetterCalls deadLetters;

  public WorkflowApi(WorkflowStore workflows, HandlerRegistry handlers, ExecutionQueries executions,
      ExecutionDriver driver, TransitionBatcher batcher, Interventions interventions, int maxInputBytes, Clock clock) {
    this.workflows = workflows;
    this.handlers = handlers;
    this.executions = executions;
    this.driver = driver;
    this.batcher = batcher;
    this.startValidator = new StartRequestValidator(maxInputBytes);
    this.clock = clock;
    this.interventions = new InterventionCalls(driver, interventions, executions, maxInputBytes);
    this.deadLetters = new DeadLetterCalls(executions, new BulkRetry(driver, interventions, executions));
  }

  @Override
  public void applyWorkflow(ApplyWorkflowRequest request, StreamObserver<ApplyWorkflowResponse> observer) {
    Replies.forTenant(observer, tenant -> {
      WorkflowDefinition definition = switch (request.getSourceCase()) {
        case DEFINITION -> request.getDefinition();
        case SOURCE_TEXT -> parse(request.getSourceText());
        default -> throw OrchestratorException.invalid("source: set definition or source_text");
      };
      return handlers.catalog().compose(catalog -> workflows.names(tenant).compose(names -> {
        try {
          new DefinitionCompiler(catalog, names::contains).compile(definition);
        } catch (InvalidDefinitionException e) {
          return Future.failedFuture(OrchestratorException.invalid(e.getMessage()));
        }
        return workflows.apply(tenant, definition,
            request.getSourceCase() == ApplyWorkflowRequest.SourceCase.SOURCE_TEXT ? request.getSourceText() : null);
      }));
    });
  }

  private static WorkflowDefinition parse(String text) {
    try {
      return DefinitionParser.parse(text);
    } catch (InvalidDefinitionException e) {
      throw OrchestratorException.invalid(e.getMessage());
    }
  }

  @Override
  public void getWorkflow(GetWorkflowRequest request, StreamObserver<Workflow> observer) {
    Replies.forTenant(observer, tenant -> {
      requireName("name", request.getName());
      return workflows.get(tenant, request.getName(), request.getVersion()).map(found -> found.orElseThrow(() ->
          OrchestratorException.notFound(request.getVersion() == 0
              ? "name: no workflow '" + request.getName() + "'"
              : "version: workflow '" + request.getName() + "' has no version " + request.getVersion())));
    });
  }

  @Override
  public void listWorkflows(ListWorkflowsRequest request, StreamObserver<ListWorkflowsResponse> observer) {
    Replies.forTenant(observer, tenant -> {
      int limit = PageTokens.pageSize("page_size", request.getPageSize(), 100);
      return workflows.list(tenant, PageTokens.decodeName(request.getPageToken()), limit).map(list ->
          ListWorkflowsResponse.newBuilder().addAllWorkflows(list)
              .setNextPageToken(list.size() < limit ? "" : PageTokens.encodeName(list.get(list.size() - 1).getName()))
              .build());
    });
  }

  @Override
  public void listWorkflowVersions(ListWorkflowVersionsRequest request,
      StreamObserver<ListWorkflowVersionsResponse> observer) {
    Replies.forTenant(observer, tenant -> {
      requireName("name", request.getName());
      return workflows.versions(tenant, request.getName()).map(list -> {
        if (list.isEmpty()) {
          throw OrchestratorException.notFound("name: no workflow '" + request.getName() + "'");
        }
        return ListWorkflowVersionsResponse.newBuilder().addAllVersions(list).build();
      });
    });
  }

  @Override
  public void startExecution(StartExecutionRequest request, StreamObserver<StartExecutionResponse> observer) {
    Replies.forTenant(observer, tenant -> {
      startValidator.checkFields(request);
      var input = startValidator.parseInput(request);
      String key = request.getIdempotencyKey().isEmpty() ? null : request.getIdempotencyKey();
      Future<java.util.Optional<Execution>> existing = key == null
          ? Future.succeededFuture(java.util.Optional.empty())
          : executions.byIdempotencyKey(tenant, key);
      return existing.compose(found -> {
        if (found.isPresent()) {
          return Future.succeededFuture(StartExecutionResponse.newBuilder()
              .setExecution(found.get()).setCreated(false).build());
        }
        return workflows.compiled(tenant, request.getWorkflowName(), request.getWorkflowVersion())
            .compose(resolved -> {
              if (resolved.isEmpty()) {
                throw OrchestratorException.notFound(request.getWorkflowVersion() == 0
                    ? "workflow_name: no workflow '" + request.getWorkflowName() + "'"
                    : "workflow_version: workflow '" + request.getWorkflowName() + "' has no version "
                        + request.getWorkflowVersion());
              }
              StartRequestValidator.checkRequired(resolved.get().workflow(), input);
              UUID executionId = UUID.randomUUID();
              ExecutionRecord record = new ExecutionRecord(executionId, tenant, request.getWorkflowName(),
                  resolved.get().version(), input, key, null, null, TraceParent.newTrace(executionId).format(),
                  clock.instant(),
                  ExecutionStatus.EXECUTION_STATUS_RUNNING, null, null, null);
              // without a key starts join the group commit; with one they commit alone, so that a
              // concurrent duplicate (unique violation) fails only its own transaction
              Future<ExecutionState> started = key == null
                  ? batcher.submit(List.of(new ExecutionDriver.StartCommand(record, resolved.get().workflow())))
                      .map(outcomes -> outcomes.get(0).started())
                  : driver.start(record, resolved.get().workflow());
              return started
                  .map(state -> StartExecutionResponse.newBuilder().setExecution(ExecutionQueries.toProto(state))
                      .setCreated(true).build())
                  .recover(e -> isUniqueViolation(e) && key != null
                      ? executions.byIdempotencyKey(tenant, key).map(again -> StartExecutionResponse.newBuilder()
                          .setExecution(again.orElseThrow()).setCreated(false).build())
                      : Future.failedFuture(e));
            });
      });
    });
  }

  @Override
  public void getExecution(GetExecutionRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> {
      UUID id = Ids.parse("execution_id", request.getExecutionId());
      return executions.get(tenant, id).map(found -> found.orElseThrow(() ->
          OrchestratorException.notFound("execution_id: no execution " + id)));
    });
  }

  @Override
  public void listExecutions(ListExecutionsRequest request, StreamObserver<ListExecutionsResponse> observer) {
    Replies.forTenant(observer, tenant -> {
      int limit = PageTokens.pageSize("page_size", request.getPageSize(), 50);
      PageTokens.ExecutionCursor cursor = PageTokens.decodeExecution(request.getPageToken());
      ExecutionStatus status = request.getStatus() == ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED
          ? null : request.getStatus();
      String workflow = request.getWorkflowName().isEmpty() ? null : request.getWorkflowName();
      return executions.list(tenant, workflow, status, cursor.at(), cursor.id(), limit).map(list ->
          ListExecutionsResponse.newBuilder().addAllExecutions(list)
              .setNextPageToken(list.size() < limit ? "" : PageTokens.encodeExecution(list.get(list.size() - 1)))
              .build());
    });
  }

  @Override
  public void cancelExecution(CancelExecutionRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> {
      UUID id = Ids.parse("execution_id", request.getExecutionId());
      String reason = request.getReason().isBlank() ? "cancelled by a user" : request.getReason();
      return executions.get(tenant, id).compose(found -> {
        Execution current = found.orElseThrow(() -> OrchestratorException.notFound("execution_id: no execution " + id));
        if (ExecutionStatuses.isTerminal(current.getStatus())) {
          throw OrchestratorException.precondition("execution_id: execution " + id + " already ended "
              + current.getStatus().name().replace("EXECUTION_STATUS_", ""));
        }
        return driver.cancel(id, reason).compose(v -> executions.get(tenant, id)).map(java.util.Optional::orElseThrow);
      });
    });
  }

  @Override
  public void listInterventions(ListInterventionsRequest request, StreamObserver<ListInterventionsResponse> observer) {
    Replies.forTenant(observer, tenant -> interventions.list(tenant, request));
  }

  @Override
  public void resumeStep(ResumeStepRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> interventions.resumeStep(tenant, request));
  }

  @Override
  public void retryStep(RetryStepRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> interventions.retryStep(tenant, request));
  }

  @Override
  public void skipStep(SkipStepRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> interventions.skipStep(tenant, request));
  }

  @Override
  public void failStep(FailStepRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> interventions.failStep(tenant, request));
  }

  @Override
  public void pauseExecution(PauseExecutionRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> interventions.pause(tenant, request));
  }

  @Override
  public void resumeExecution(ResumeExecutionRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> interventions.resume(tenant, request));
  }

  @Override
  public void listFailedExecutions(ListFailedExecutionsRequest request,
      StreamObserver<ListFailedExecutionsResponse> observer) {
    Replies.forTenant(observer, tenant -> deadLetters.list(tenant, request));
  }

  @Override
  public void retryFailedExecutions(RetryFailedExecutionsRequest request,
      StreamObserver<RetryFailedExecutionsResponse> observer) {
    Replies.forTenant(observer, tenant -> deadLetters.retry(tenant, request));
  }

  private static void requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw OrchestratorException.invalid(field + ": required");
    }
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

}
