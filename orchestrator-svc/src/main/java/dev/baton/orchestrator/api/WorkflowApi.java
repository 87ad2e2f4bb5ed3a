package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.orchestrator.definition.DefinitionCompiler;
import dev.baton.orchestrator.definition.DefinitionParser;
import dev.baton.orchestrator.definition.InvalidDefinitionException;
import dev.baton.orchestrator.execution.ExecutionCalls;
import dev.baton.orchestrator.store.HandlerRegistry;
import dev.baton.orchestrator.store.WorkflowStore;
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
import java.util.UUID;

/**
 * The client-facing gRPC API (WorkflowService): validates requests and maps them to the calls on
 * workflows and {@link ExecutionCalls}, and their answers to responses.
 */
public final class WorkflowApi extends WorkflowServiceGrpc.WorkflowServiceImplBase {
  private final WorkflowStore workflows;
  private final HandlerRegistry handlers;
  private final ExecutionCalls executions;
  private final StartRequestValidator startValidator;
  private final InterventionCalls interventions;
  private final DeadLetterCalls deadLetters;

  public WorkflowApi(WorkflowStore workflows, HandlerRegistry handlers, ExecutionCalls executions, int maxInputBytes) {
    this.workflows = workflows;
    this.handlers = handlers;
    this.executions = executions;
    this.startValidator = new StartRequestValidator(maxInputBytes);
    this.interventions = new InterventionCalls(executions, maxInputBytes);
    this.deadLetters = new DeadLetterCalls(executions);
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
      ExecutionCalls.Start start = new ExecutionCalls.Start(request.getWorkflowName(), request.getWorkflowVersion(),
          startValidator.parseInput(request),
          request.getIdempotencyKey().isEmpty() ? null : request.getIdempotencyKey());
      return executions.start(tenant, start).map(started -> StartExecutionResponse.newBuilder()
          .setExecution(started.execution()).setCreated(started.created()).build());
    });
  }

  @Override
  public void getExecution(GetExecutionRequest request, StreamObserver<Execution> observer) {
    Replies.forTenant(observer, tenant -> {
      UUID id = Ids.parse("execution_id", request.getExecutionId());
      return executions.get(tenant, id);
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
      return executions.cancel(tenant, id, reason);
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
}
