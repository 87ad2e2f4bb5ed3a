package dev.baton.orchestrator.api;

import dev.baton.orchestrator.execution.ExecutionCalls;
import dev.baton.orchestrator.execution.ManualAction;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.FailStepRequest;
import dev.baton.proto.v1.ListInterventionsRequest;
import dev.baton.proto.v1.ListInterventionsResponse;
import dev.baton.proto.v1.PauseExecutionRequest;
import dev.baton.proto.v1.ResumeExecutionRequest;
import dev.baton.proto.v1.ResumeStepRequest;
import dev.baton.proto.v1.RetryStepRequest;
import dev.baton.proto.v1.SkipStepRequest;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.UUID;

/**
 * The manual intervention calls of WorkflowService: validate the request (INVALID_ARGUMENT naming
 * the field), apply the person's action in one transaction ({@link ExecutionCalls#act}: a wrong
 * state is refused with FAILED_PRECONDITION, writing nothing), answer with the execution as it is
 * afterwards.
 */
final class InterventionCalls {
  private final ExecutionCalls executions;
  private final InterventionRequests requests;

  InterventionCalls(ExecutionCalls executions, int maxJsonBytes) {
    this.executions = Objects.requireNonNull(executions, "executions");
    this.requests = new InterventionRequests(maxJsonBytes);
  }

  Future<ListInterventionsResponse> list(String tenant, ListInterventionsRequest request) {
    int limit = PageTokens.pageSize("page_size", request.getPageSize(), 100);
    String workflow = request.getWorkflowName().isBlank() ? null : request.getWorkflowName();
    return executions.waiting(tenant, workflow, limit)
        .map(waiting -> ListInterventionsResponse.newBuilder().addAllWaiting(waiting).build());
  }

  Future<Execution> resumeStep(String tenant, ResumeStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = InterventionRequests.stepId(request.getStepId());
    var input = requests.optionalJson("input_json", request.getInputJson());
    var config = requests.optionalObject("config_json", request.getConfigJson());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.act(tenant, id, new ManualAction.ResumeStep(step, input, config, actor));
  }

  Future<Execution> retryStep(String tenant, RetryStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = request.getStepId().isBlank() ? null : request.getStepId();
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.act(tenant, id, new ManualAction.RetryStep(step, actor));
  }

  Future<Execution> skipStep(String tenant, SkipStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = InterventionRequests.stepId(request.getStepId());
    var given = requests.optionalJson("output_json", request.getOutputJson());
    var output = given == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : given;
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.act(tenant, id, new ManualAction.SkipStep(step, output, actor));
  }

  Future<Execution> failStep(String tenant, FailStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = InterventionRequests.stepId(request.getStepId());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.act(tenant, id, new ManualAction.FailStep(step, actor));
  }

  Future<Execution> pause(String tenant, PauseExecutionRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.act(tenant, id, new ManualAction.Pause(actor));
  }

  Future<Execution> resume(String tenant, ResumeExecutionRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.act(tenant, id, new ManualAction.Resume(actor));
  }
}
