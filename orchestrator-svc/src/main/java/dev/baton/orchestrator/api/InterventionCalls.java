package dev.baton.orchestrator.api;

import dev.baton.orchestrator.OrchestratorException;
import dev.baton.orchestrator.transition.ExecutionDriver;
import dev.baton.orchestrator.engine.Interventions;
import dev.baton.orchestrator.store.ExecutionQueries;
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
 * the field), apply the person's action in one transaction ({@link Interventions} refuses a wrong
 * state with FAILED_PRECONDITION, writing nothing), answer with the execution as it is afterwards.
 */
final class InterventionCalls {
  private final ExecutionDriver driver;
  private final Interventions interventions;
  private final ExecutionQueries executions;
  private final InterventionRequests requests;

  InterventionCalls(ExecutionDriver driver, Interventions interventions, ExecutionQueries executions,
      int maxJsonBytes) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.interventions = Objects.requireNonNull(interventions, "interventions");
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
    return act(tenant, id, (state, children, changes) ->
        interventions.resumeStep(state, step, input, config, actor, children, changes));
  }

  Future<Execution> retryStep(String tenant, RetryStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = request.getStepId().isBlank() ? null : request.getStepId();
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return act(tenant, id, (state, children, changes) ->
        interventions.retryStep(state, step, actor, children, changes));
  }

  Future<Execution> skipStep(String tenant, SkipStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = InterventionRequests.stepId(request.getStepId());
    var given = requests.optionalJson("output_json", request.getOutputJson());
    var output = given == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : given;
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return act(tenant, id, (state, children, changes) ->
        interventions.skipStep(state, step, output, actor, children, changes));
  }

  Future<Execution> failStep(String tenant, FailStepRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    String step = InterventionRequests.stepId(request.getStepId());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return act(tenant, id, (state, children, changes) -> interventions.failStep(state, step, actor, changes));
  }

  Future<Execution> pause(String tenant, PauseExecutionRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return act(tenant, id, (state, children, changes) -> interventions.pause(state, actor, changes));
  }

  Future<Execution> resume(String tenant, ResumeExecutionRequest request) {
    UUID id = Ids.parse("execution_id", request.getExecutionId());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return act(tenant, id, (state, children, changes) -> interventions.resume(state, actor, children, changes));
  }

  private Future<Execution> act(String tenant, UUID id, ExecutionDriver.InterventionTransition transition) {
    return driver.intervene(tenant, id, transition)
        .compose(v -> executions.get(tenant, id))
        .map(found -> found.orElseThrow(() -> OrchestratorException.notFound("execution_id: no execution " + id)));
  }
}
