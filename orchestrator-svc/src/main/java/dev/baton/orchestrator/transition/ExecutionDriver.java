package dev.baton.orchestrator.transition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.engine.Changes;
import dev.baton.orchestrator.engine.Event;
import dev.baton.orchestrator.engine.ExecutionEngine;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.ExecutionState;
import dev.baton.orchestrator.engine.Interventions;
import dev.baton.orchestrator.engine.StepRecord;
import dev.baton.orchestrator.engine.TaskKind;
import dev.baton.orchestrator.engine.TaskRecord;
import dev.baton.orchestrator.engine.TaskStatus;
import dev.baton.orchestrator.engine.WorkflowLookup;
import dev.baton.orchestrator.dispatch.EventPublisher;
import dev.baton.orchestrator.dispatch.ExecutionSpans;
import dev.baton.orchestrator.dispatch.TaskDispatcher;
import dev.baton.orchestrator.metrics.OrchestratorMetrics;
import dev.baton.orchestrator.store.ExecutionReads;
import dev.baton.orchestrator.store.ExecutionStore;
import dev.baton.orchestrator.store.TaskRequeues;
import dev.baton.orchestrator.store.WorkflowStore;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.TaskDispatched;
import dev.baton.proto.v1.ExecutionEvent.TaskRedelivered;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each event of an execution (start, task result, child finished, cancel) as one
 * transaction: lock the execution row, let the {@link ExecutionEngine} decide, write its
 * {@link Changes}, commit — then dispatch new tasks, cancel closed children and notify parents.
 * The execution row lock serialises all transitions of one execution across replicas; a result
 * is applied only while its task is still open, which makes duplicates harmless.
 */
public final class ExecutionDriver {
  private static final Logger log = LoggerFactory.getLogger(ExecutionDriver.class);

  private final Pool pool;
  private final ExecutionReads reads;
  private final ExecutionStore store;
  private final TaskRequeues requeues;
  private final WorkflowStore workflows;
  private final ExecutionEngine engine;
  private final TaskDispatcher dispatcher;
  private final EventPublisher events;
  private final ExecutionSpans spans;
  private final OrchestratorMetrics metrics;

  public ExecutionDriver(Pool pool, ExecutionReads reads, ExecutionStore store, TaskRequeues requeues,
      WorkflowStore workflows, ExecutionEngine engine,
      TaskDispatcher dispatcher, EventPublisher events, ExecutionSpans spans, OrchestratorMetrics metrics) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.reads = Objects.requireNonNull(reads, "reads");
    this.store = Objects.requireNonNull(store, "store");
    this.requeues = Objects.requireNonNull(requeues, "requeues");
    this.workflows = Objects.requireNonNull(workflows, "workflows");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.events = Objects.requireNonNull(events, "events");
    this.spans = Objects.requireNonNull(spans, "spans");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** Inserts and starts a new execution (the caller checked the idempotency key and the input). */
  public Future<ExecutionState> start(ExecutionRecord execution, CompiledWorkflow workflow) {
    return apply(List.of(new StartCommand(execution, workflow))).map(outcomes -> outcomes.get(0).started());
  }

  /** An executor's success, to apply with {@link #apply}. {@code runStartedAt} may be null. */
  public TaskEvent succeeded(UUID taskId, JsonNode output, Instant runStartedAt) {
    return new TaskEvent(taskId, (state, task, children, changes) ->
        engine.onTaskSucceeded(state, task.withRunStartedAt(runStartedAt), output, children, changes));
  }

  /** An executor's failure, to apply with {@link #apply}. {@code runStartedAt} may be null. */
  public TaskEvent failed(UUID taskId, StepError error, Instant runStartedAt) {
    return new TaskEvent(taskId, (state, task, children, changes) ->
        engine.onTaskFailed(state, task.withRunStartedAt(runStartedAt), error, children, changes));
  }

  /** A child execution ended: complete the parent's task with the child's output or error. */
  public Future<Boolean> childFinished(ExecutionRecord child) {
    if (child.parentTaskId == null) {
      return Future.succeededFuture(false);
    }
    return onOpenTask(child.parentTaskId, (state, task, children, changes) -> {
      switch (child.status()) {
        case EXECUTION_STATUS_SUCCEEDED -> engine.onTaskSucceeded(state, task, child.output(), children, changes);
        default -> {
          StepError cause = child.error() == null ? StepError.getDefaultInstance() : child.error();
          engine.onTaskFailed(state, task, StepError.newBuilder()
              .setCode(child.status() == dev.baton.proto.v1.ExecutionStatus.EXECUTION_STATUS_CANCELLED
                  ? BuiltinCode.CHILD_CANCELLED.name() : BuiltinCode.CHILD_FAILED.name())
              .setMessage("child execution " + child.id + " of '" + child.workflowName + "' ended "
                  + EnumNames.shortName(child.status()) + (cause.getMessage().isEmpty() ? ""
                  : ": " + (cause.getStepId().isEmpty() ? "" : cause.getStepId() + ": ") + cause.getMessage()))
              .setRetryable(false)
              .build(), children, changes);
        }
      }
    });
  }

  /** Looks up a finished child by id and completes its parent's task (used by the reconciler). */
  public Future<Boolean> childFinished(UUID childId) {
    return reads.find(pool, childId)
        .compose(child -> child == null || !child.isTerminal() ? Future.succeededFuture(false) : childFinished(child));
  }

  /** Cancels an execution. Returns the execution after the change (unchanged if it had already ended). */
  public Future<ExecutionRecord> cancel(UUID executionId, String reason) {
    Changes changes = new Changes();
    ExecutionRecord[] result = new ExecutionRecord[1];
    return commit(changes, conn -> reads.lock(conn, executionId).compose(execution -> {
      result[0] = execution;
      if (execution == null || execution.isTerminal()) {
        return Future.succeededFuture();
      }
      return loadState(conn, execution).map(state -> {
        engine.cancel(state, reason, changes);
        return null;
      });
    })).map(v -> result[0]);
  }

  /** What a person does to a locked execution (see {@link Interventions}); it throws when the state forbids it. */
  @FunctionalInterface
  public interface InterventionTransition {
    void apply(ExecutionState state, WorkflowLookup children, Changes changes);
  }

  /**
   * Applies a person's action to an execution of {@code tenant} in one transaction. Fails with
   * NOT_FOUND when there is no such execution, or with the transition's exception (nothing written).
   */
  public Future<Void> intervene(String tenant, UUID executionId, InterventionTransition transition) {
    Changes changes = new Changes();
    return commit(changes, conn -> reads.lock(conn, executionId).compose(execution -> {
      if (execution == null || !execution.tenantId.equals(tenant)) {
        return Future.failedFuture(dev.baton.orchestrator.error.OrchestratorException.notFound(
            "execution_id: no execution " + executionId));
      }
      return loadState(conn, execution).compose(state -> workflows.childLookup(execution.tenantId, state.workflow())
          .map(children -> {
            transition.apply(state, children, changes);
            return null;
          }));
    }));
  }

  /**
   * Puts a task on its queue again: a retry whose backoff ended (SCHEDULED), or an attempt whose
   * lease lapsed (QUEUED/RUNNING: executor died, or Redis lost the entry). After
   * {@code maxDeliveries} lapses the attempt fails with EXECUTOR_LOST and the retry policy decides.
   */
  public Future<Boolean> requeue(UUID taskId, java.time.Duration lease, int maxDeliveries) {
    return reads.task(pool, taskId).compose(found -> {
      if (found == null || !found.status().isOpen() || found.kind() != TaskKind.HANDLER) {
        return Future.succeededFuture(false);
      }
      Changes changes = new Changes();
      boolean[] done = {false};
      return commit(changes, conn -> reads.lock(conn, found.executionId())
          .compose(execution -> execution == null || execution.isTerminal()
              ? Future.succeededFuture()
              : requeues.requeue(conn, taskId, lease, maxDeliveries, !execution.isPaused()).compose(requeued -> {
                if (requeued == null) {
                  return Future.succeededFuture();
                }
                done[0] = true;
                if (requeued.exhausted()) {
                  return loadState(conn, execution).compose(state -> workflows.childLookup(execution.tenantId,
                      state.workflow()).map(children -> {
                        engine.onTaskFailed(state, requeued.task(), StepError.newBuilder().setCode(BuiltinCode.EXECUTOR_LOST.name())
                            .setMessage("no executor finished the attempt within " + maxDeliveries + " leases of "
                                + dev.baton.common.time.DurationParser.format(lease))
                            .setRetryable(true).build(), children, changes);
                        return null;
                      }));
                }
                changes.requeued(requeued.payload());
                int delivery = requeued.payload().getDelivery();
                ExecutionEvent.Builder queued = requeued.fromStatus() == TaskStatus.SCHEDULED
                    ? ExecutionEvent.newBuilder().setTaskDispatched(TaskDispatched.newBuilder().setDelivery(delivery))
                    : ExecutionEvent.newBuilder().setTaskRedelivered(TaskRedelivered.newBuilder().setDelivery(delivery));
                int item = requeued.task().itemIndex();
                changes.log(Event.of(execution, requeued.task().stepId(), item < 0 ? null : item,
                    requeued.task().attempt(), queued));
                return Future.succeededFuture();
              }))).map(v -> done[0]);
    });
  }

  /** What one transition does with the locked state. */
  @FunctionalInterface
  public interface TaskTransition {
    void apply(ExecutionState state, TaskRecord task, WorkflowLookup children, Changes changes);
  }

  /** What a batch applies: an event about an open task, or a new execution to start. */
  public sealed interface Command permits TaskEvent, StartCommand {}

  /** An event about one task: a result, a child's end. */
  public record TaskEvent(UUID taskId, TaskTransition transition) implements Command {}

  /** A new execution (its idempotency key, if any, was checked by the caller). */
  public record StartCommand(ExecutionRecord execution, CompiledWorkflow workflow) implements Command {}

  /** Per command: whether it changed anything; for a start, the started execution's state. */
  public record Outcome(boolean applied, ExecutionState started) {
    static final Outcome SKIPPED = new Outcome(false, null);
  }

  private Future<Boolean> onOpenTask(UUID taskId, TaskTransition transition) {
    return apply(List.of(new TaskEvent(taskId, transition))).map(outcomes -> outcomes.get(0).applied());
  }

  /**
   * Applies many commands in ONE transaction (group commit): the executions the task events touch
   * are locked in id order, their states loaded with one query, the commands applied in order,
   * and all changes written together. An event whose task is no longer open (duplicate, late,
   * cancelled) is skipped.
   */
  public Future<List<Outcome>> apply(List<Command> commands) {
    List<UUID> taskIds = commands.stream().filter(TaskEvent.class::isInstance).map(c -> ((TaskEvent) c).taskId())
        .distinct().toList();
    return childLookupsOfStarts(commands).compose(startLookups -> {
      Outcome[] outcomes = new Outcome[commands.size()];
      java.util.Arrays.fill(outcomes, Outcome.SKIPPED);
      Changes changes = new Changes();
      return commit(changes, conn -> lockedStates(conn, taskIds).map(locked -> {
        java.util.Set<UUID> closed = new java.util.HashSet<>();
        for (int i = 0; i < commands.size(); i++) {
          if (commands.get(i) instanceof StartCommand start) {
            ExecutionState state = engine.start(start.execution(), start.workflow(),
                startLookups.get(start.execution().id), changes);
            outcomes[i] = new Outcome(true, state);
          } else if (commands.get(i) instanceof TaskEvent event) {
            TaskRecord task = locked.tasks().get(event.taskId());
            LoadedState loaded = task == null ? null : locked.states().get(task.executionId());
            if (loaded == null || !task.status().isOpen() || !closed.add(task.id())) {
              continue;
            }
            event.transition().apply(loaded.state(), task, loaded.children(), changes);
            outcomes[i] = new Outcome(true, null);
          }
        }
        return null;
      })).map(v -> java.util.Arrays.asList(outcomes));
    });
  }

  private Future<Map<UUID, WorkflowLookup>> childLookupsOfStarts(List<Command> commands) {
    Map<UUID, WorkflowLookup> lookups = new java.util.concurrent.ConcurrentHashMap<>();
    List<Future<Void>> loads = new java.util.ArrayList<>();
    for (Command command : commands) {
      if (command instanceof StartCommand start) {
        loads.add(workflows.childLookup(start.execution().tenantId, start.workflow()).map(lookup -> {
          lookups.put(start.execution().id, lookup);
          return null;
        }));
      }
    }
    return Future.all(loads).map(lookups);
  }

  /** The locked executions' states and the re-read (locked) tasks of one batch. */
  private record Locked(Map<UUID, LoadedState> states, Map<UUID, TaskRecord> tasks) {}

  /**
   * Finds the executions of the still-open tasks, then locks them, re-reads those tasks under the
   * locks and loads the executions' steps: three statements pipelined in one round trip, executed
   * in this order. Every lookup is by primary key, so the cost does not grow with the tables.
   */
  private Future<Locked> lockedStates(SqlConnection conn, List<UUID> taskIds) {
    if (taskIds.isEmpty()) {
      return Future.succeededFuture(new Locked(Map.of(), Map.of()));
    }
    return reads.executionsOfOpenTasks(conn, taskIds).compose(executionIds -> {
      if (executionIds.isEmpty()) {
        return Future.succeededFuture(new Locked(Map.of(), Map.of()));
      }
      Future<Map<UUID, ExecutionRecord>> executions = reads.lockAll(conn, executionIds);
      Future<Map<UUID, TaskRecord>> tasks = reads.lockTasks(conn, taskIds);
      Future<Map<UUID, Map<String, StepRecord>>> steps = reads.steps(conn, executionIds);
      return Future.all(executions, tasks, steps).compose(v -> loadStates(executions.result().values(),
          steps.result()).map(states -> new Locked(states, tasks.result())));
    });
  }

  /** A locked state with the child workflows it may start. */
  private record LoadedState(ExecutionState state, WorkflowLookup children) {}

  private Future<Map<UUID, LoadedState>> loadStates(java.util.Collection<ExecutionRecord> executions,
      Map<UUID, Map<String, StepRecord>> stepsById) {
    Map<UUID, LoadedState> out = new java.util.concurrent.ConcurrentHashMap<>();
    List<Future<Void>> loads = new java.util.ArrayList<>();
    for (ExecutionRecord execution : executions) {
      loads.add(workflows.compiled(execution.tenantId, execution.workflowName, execution.workflowVersion)
          .compose(workflow -> {
            if (workflow.isEmpty()) {
              return Future.failedFuture(new IllegalStateException("execution " + execution.id + " runs workflow "
                  + execution.workflowName + " version " + execution.workflowVersion + ", which is not stored"));
            }
            ExecutionState state = new ExecutionState(execution, workflow.get().workflow(),
                stepsById.getOrDefault(execution.id, Map.of()));
            return workflows.childLookup(execution.tenantId, state.workflow()).map(children -> {
              out.put(execution.id, new LoadedState(state, children));
              return null;
            });
          }));
    }
    return Future.all(loads).map(out);
  }

  private Future<ExecutionState> loadState(SqlConnection conn, ExecutionRecord execution) {
    return workflows.compiled(execution.tenantId, execution.workflowName, execution.workflowVersion)
        .compose(workflow -> {
          if (workflow.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("execution " + execution.id + " runs workflow "
                + execution.workflowName + " version " + execution.workflowVersion + ", which is not stored"));
          }
          return reads.steps(conn, execution.id)
              .map(steps -> new ExecutionState(execution, workflow.get().workflow(), steps));
        });
  }

  /**
   * Runs {@code work} (which fills {@code changes}) and writes the changes in one transaction;
   * after commit, performs the follow-up work the changes call for.
   */
  private Future<Void> commit(Changes changes, java.util.function.Function<SqlConnection, Future<?>> work) {
    return pool.withTransaction(conn -> work.apply(conn).compose(v -> store.write(conn, changes)))
        .compose(written -> {
          events.publish(written.events());
          afterCommit(changes, written.closedChildren());
          return Future.succeededFuture();
        });
  }

  private void afterCommit(Changes changes, List<UUID> closedChildren) {
    dispatcher.dispatch(changes.dispatches());
    recordMetrics(changes);
    for (UUID child : closedChildren) {
      cancel(child, "parent execution ended").onFailure(e -> log.warn(
          "could not cancel child execution {} ({}); the reconciler retries", child, e.toString()));
    }
    for (ExecutionState state : changes.touched()) {
      ExecutionRecord e = state.execution();
      if (e.isDirty() && e.isTerminal()) {
        spans.ended(e);
      }
      if (e.isDirty() && e.isTerminal() && changes.finishedChildren().contains(e.id)) {
        childFinished(e).onFailure(err -> log.warn("could not complete the parent task of child execution {} ({}); "
            + "the reconciler retries", e.id, err.toString()));
      }
    }
  }

  /** The executions this commit changed, and the duration of every step it ended that had started. */
  private void recordMetrics(Changes changes) {
    Map<UUID, ExecutionState> touched = new java.util.HashMap<>();
    changes.touched().forEach(state -> touched.put(state.execution().id, state));
    metrics.committed(touched.size());
    for (Event event : changes.events()) {
      String outcome = switch (event.type()) {
        case STEP_SUCCEEDED -> "succeeded";
        case STEP_FAILED -> "failed";
        case STEP_SKIPPED -> "skipped";
        case STEP_CANCELLED -> "cancelled";
        default -> null;
      };
      ExecutionState state = touched.get(event.executionId());
      if (outcome == null || state == null) {
        continue;
      }
      StepRecord step = state.steps().get(event.stepId());
      if (step != null && step.startedAt() != null && step.finishedAt() != null) {
        metrics.stepEnded(state.execution().workflowName, step.stepId, outcome,
            java.time.Duration.between(step.startedAt(), step.finishedAt()));
      }
    }
  }
}
