package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.ExecutionEngine.expressionError;
import static dev.baton.orchestrator.engine.ExecutionEngine.itemOrNull;
import static dev.baton.orchestrator.engine.EventLog.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.definition.ExpressionException;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.TaskDispatched;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Starts one unit of a running step (the whole step, or one forEach element): a handler task on
 * its queue, or for a {@code workflow:} step a child execution started in the same transition.
 * Part of {@link ExecutionEngine}, which decides when a unit starts.
 */
final class UnitStarts {
  private final ExecutionEngine engine;
  private final Clock clock;
  private final Duration taskLease;
  private final TaskFactory tasks;

  UnitStarts(ExecutionEngine engine, Clock clock, Duration taskLease, TaskFactory tasks) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.taskLease = Objects.requireNonNull(taskLease, "taskLease");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
  }

  /**
   * Starts the unit's attempt (the step's first, or the one a person's re-run continues with):
   * renders its input over {@code scope} and queues a handler task, or starts a child execution.
   */
  void start(ExecutionState state, CompiledStep def, StepRecord step, int itemIndex,
      Map<String, Object> scope, WorkflowLookup children, Changes changes) {
    int attempt = Math.max(1, step.recovery.getFirstAttempt());
    JsonNode input;
    try {
      input = renderInput(scope, def, step, itemIndex);
    } catch (ExpressionException e) {
      engine.failStep(state, step, expressionError(def, "input", e, attempt), changes);
      return;
    }
    if (def.isChildWorkflow()) {
      startChild(state, def, step, itemIndex, attempt, input, children, changes);
      return;
    }
    changes.addTask(tasks.handlerTask(state, def, HandlerTarget.of(def, step.recovery), itemIndex, attempt, input,
        TaskStatus.QUEUED, null, clock.instant().plus(taskLease)));
    log(changes, state, step.stepId, itemOrNull(itemIndex), attempt,
        ExecutionEvent.newBuilder().setTaskDispatched(TaskDispatched.getDefaultInstance()));
  }

  private void startChild(ExecutionState parent, CompiledStep def, StepRecord step, int itemIndex, int attempt,
      JsonNode input, WorkflowLookup children, Changes changes) {
    ExecutionRecord p = parent.execution();
    var resolved = children.resolve(p.tenantId, def.childWorkflow(), def.childWorkflowVersion());
    if (resolved.isEmpty()) {
      engine.failStep(parent, step, StepError.newBuilder().setCode(BuiltinCode.CHILD_WORKFLOW_NOT_FOUND.name())
          .setMessage("steps." + def.id() + ".workflow: no workflow '" + def.childWorkflow() + "'"
              + (def.childWorkflowVersion() > 0 ? " version " + def.childWorkflowVersion() : ""))
          .setStepId(def.id()).setAttempt(attempt).build(), changes);
      return;
    }
    CompiledWorkflow childWorkflow = resolved.get().workflow();
    for (String required : childWorkflow.requiredInputs()) {
      if (!input.has(required)) {
        engine.failStep(parent, step, StepError.newBuilder().setCode(BuiltinCode.INVALID_CHILD_INPUT.name())
            .setMessage("steps." + def.id() + ".input: workflow '" + def.childWorkflow() + "' requires input."
                + required)
            .setStepId(def.id()).setAttempt(attempt).build(), changes);
        return;
      }
    }
    UUID taskId = UUID.randomUUID();
    UUID childId = UUID.randomUUID();
    ExecutionRecord child = new ExecutionRecord(childId, p.tenantId, childWorkflow.name(), resolved.get().version(),
        input, null, p.id, taskId, TraceParent.forChildExecution(p.traceparent, childId),
        clock.instant(),
        ExecutionStatus.EXECUTION_STATUS_RUNNING, null, null, null);
    changes.addTask(new NewTask(taskId, p.id, p.tenantId, def.id(), itemIndex, attempt, TaskKind.CHILD,
        TaskStatus.RUNNING, def.taskQueue(), null, child.id, null, null));
    log(changes, parent, def.id(), itemOrNull(itemIndex), attempt, ExecutionEvent.newBuilder()
        .setTaskDispatched(TaskDispatched.newBuilder().setChildExecutionId(child.id.toString())));
    engine.start(child, childWorkflow, children, changes);
  }

  /** The input of an attempt: the one a person gave with ResumeStep, else the step's rendered {@code input}. */
  static JsonNode renderInput(Map<String, Object> scope, CompiledStep def, StepRecord step, int itemIndex)
      throws ExpressionException {
    String override = step.recovery.getManualOverride().getInputJson();
    if (!override.isEmpty()) {
      return Json.parse(override);
    }
    Map<String, Object> itemScope = itemIndex < 0
        ? scope : Scope.withItem(scope, Json.toJava(step.items.get(itemIndex)), itemIndex);
    return def.input().render(itemScope);
  }
}
