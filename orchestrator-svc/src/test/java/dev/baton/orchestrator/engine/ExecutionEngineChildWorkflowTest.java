package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.NOW;
import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExecutionEngineChildWorkflowTest {
  private static final CompiledWorkflow CHILD = compile("""
      name: email-sequence
      input: { required: [to] }
      steps:
        - { id: send, handler: noop, input: { address: "${input.to}" } }
      """);
  private static final WorkflowLookup CHILDREN = (tenant, name, version) ->
      name.equals("email-sequence") ? Optional.of(new WorkflowLookup.Resolved(1, CHILD)) : Optional.empty();

  private final ExecutionEngine engine = new EngineFixture().engine;

  @Test
  void aChildWorkflowStepStartsAChildExecutionAndQueuesItsRoot() {
    CompiledWorkflow parent = compile("""
        name: parent
        steps:
          - { id: email, workflow: email-sequence, input: { to: "${input.address}" } }
        """);
    ExecutionRecord execution = running(parent, "{\"address\":\"ada@example.com\"}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, parent, CHILDREN, changes);

    assertThat(changes.created()).hasSize(2);
    ExecutionState child = changes.created().get(1);
    ExecutionRecord childRow = child.execution();
    NewTask childTask = changes.newTasks().get(0);
    assertThat(childTask.kind()).isEqualTo(TaskKind.CHILD);
    assertThat(childTask.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(childTask.executionId()).isEqualTo(execution.id);
    assertThat(childTask.stepId()).isEqualTo("email");
    assertThat(childTask.childExecutionId()).isEqualTo(childRow.id);
    assertThat(childTask.payload()).isNull();
    assertThat(childTask.dispatchNow()).isFalse();

    assertThat(childRow.parentExecutionId).isEqualTo(execution.id);
    assertThat(childRow.parentTaskId).isEqualTo(childTask.id());
    assertThat(childRow.workflowName).isEqualTo("email-sequence");
    assertThat(childRow.workflowVersion).isEqualTo(1);
    assertThat(childRow.tenantId).isEqualTo("default");
    // same trace as the parent; its own span id, derived from its id, so its tasks parent to its span
    assertThat(childRow.traceparent).isEqualTo("00-" + execution.traceparent.substring(3, 35) + "-"
        + dev.baton.common.telemetry.TraceParent.spanIdOf(childRow.id) + "-01");
    assertThat(childRow.traceparent).isNotEqualTo(execution.traceparent);
    assertThat(childRow.createdAt).isEqualTo(NOW);
    assertThat(childRow.input).isEqualTo(json("{\"to\":\"ada@example.com\"}"));
    assertThat(childRow.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);

    NewTask send = changes.newTasks().get(1);
    assertThat(changes.newTasks()).hasSize(2);
    assertThat(send.executionId()).isEqualTo(childRow.id);
    assertThat(send.stepId()).isEqualTo("send");
    assertThat(send.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(json(send.payload().getInputJson())).isEqualTo(json("{\"address\":\"ada@example.com\"}"));
    assertThat(changes.dispatches()).containsExactly(send.payload());

    assertThat(state.step("email").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aMissingRequiredChildInputFailsTheStepWithoutStartingTheChild() {
    CompiledWorkflow parent = compile("""
        name: parent
        steps:
          - { id: email, workflow: email-sequence, input: { subject: hi } }
        """);
    ExecutionRecord execution = running(parent, "{}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, parent, CHILDREN, changes);

    assertThat(changes.created()).containsExactly(state);
    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("email").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(state.step("email").error().getCode()).isEqualTo("INVALID_CHILD_INPUT");
    assertThat(state.step("email").error().getMessage()).contains("input.to");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getStepId()).isEqualTo("email");
  }

  @Test
  void anUnknownChildWorkflowFailsTheStep() {
    CompiledWorkflow parent = compile("""
        name: parent
        steps:
          - { id: email, workflow: email-sequence, input: { to: x } }
        """);
    ExecutionRecord execution = running(parent, "{}");

    ExecutionState state = engine.start(execution, parent, NO_CHILDREN, new Changes());

    assertThat(state.step("email").error().getCode()).isEqualTo("CHILD_WORKFLOW_NOT_FOUND");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
  }

  @Test
  void aChildThatEndsIsReportedForItsParentTask() {
    ExecutionRecord child = new ExecutionRecord(UUID.randomUUID(), "default", CHILD.name(), 1,
        json("{\"to\":\"x\"}"), null, UUID.randomUUID(), UUID.randomUUID(),
        EngineFixture.TRACEPARENT, NOW, ExecutionStatus.EXECUTION_STATUS_RUNNING, null, null, null);
    Changes started = new Changes();
    ExecutionState state = engine.start(child, CHILD, CHILDREN, started);
    Changes changes = new Changes();

    engine.onTaskSucceeded(state, record(onlyTask(started)), json("\"sent\""), CHILDREN,
        changes);

    assertThat(child.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(changes.finishedChildren()).containsExactly(child.id);
  }
}
