package dev.baton.orchestrator.engine;

import dev.baton.proto.internal.v1.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one transition writes, collected by the {@link ExecutionEngine} and written by the
 * store in the same transaction; plus the work to do once that transaction has committed.
 */
public final class Changes {
  private final Map<UUID, ExecutionState> touched = new LinkedHashMap<>();
  private final List<ExecutionState> created = new ArrayList<>();
  private final java.util.Set<UUID> createdIds = new java.util.HashSet<>();
  private final List<NewTask> newTasks = new ArrayList<>();
  private final List<TaskOutcome> taskOutcomes = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final List<UUID> closeOpenTasksOf = new ArrayList<>();
  private final List<UUID> finishedChildren = new ArrayList<>();
  private final List<Task> requeued = new ArrayList<>();

  void touch(ExecutionState state) {
    touched.putIfAbsent(state.execution().id, state);
  }

  void create(ExecutionState state) {
    created.add(state);
    createdIds.add(state.execution().id);
    touched.putIfAbsent(state.execution().id, state);
  }

  void addTask(NewTask task) {
    newTasks.add(task);
  }

  void endTask(TaskOutcome outcome) {
    taskOutcomes.add(outcome);
  }

  public void log(Event event) {
    events.add(event);
  }

  /** Cancel every open task of the execution (it ended); running children are cancelled after commit. */
  void closeOpenTasks(UUID executionId) {
    closeOpenTasksOf.add(executionId);
  }

  /** A child execution ended: its parent's task is completed after commit. */
  void childFinished(UUID childExecutionId) {
    finishedChildren.add(childExecutionId);
  }

  /** An existing task goes on its queue again after commit. */
  public void requeued(Task task) {
    requeued.add(task);
  }

  /** Whether the state is of an execution this transition creates (inserted, not updated). */
  public boolean isCreated(ExecutionState state) {
    return createdIds.contains(state.execution().id);
  }

  public List<ExecutionState> created() {
    return created;
  }

  public Iterable<ExecutionState> touched() {
    return touched.values();
  }

  public List<NewTask> newTasks() {
    return newTasks;
  }

  public List<TaskOutcome> taskOutcomes() {
    return taskOutcomes;
  }

  public List<Event> events() {
    return events;
  }

  public List<UUID> closeOpenTasksOf() {
    return closeOpenTasksOf;
  }

  public List<UUID> finishedChildren() {
    return finishedChildren;
  }

  /** Tasks to put on their queues after commit. */
  public List<Task> dispatches() {
    List<Task> out = new ArrayList<>(requeued);
    newTasks.stream().filter(NewTask::dispatchNow).filter(t -> !closeOpenTasksOf.contains(t.executionId()))
        .map(NewTask::payload).forEach(out::add);
    return out;
  }

  public boolean isEmpty() {
    return touched.isEmpty() && newTasks.isEmpty() && taskOutcomes.isEmpty() && events.isEmpty();
  }
}
