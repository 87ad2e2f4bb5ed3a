package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.definition.DefinitionCompiler;
import dev.baton.orchestrator.definition.DefinitionParser;
import dev.baton.orchestrator.definition.InvalidDefinitionException;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the engine tests share: a fixed clock, a deterministic random source and a 30s lease. */
final class EngineFixture {
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration LEASE = Duration.ofSeconds(30);
  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  /** No child workflows: a test that needs one passes its own lookup. */
  static final WorkflowLookup NO_CHILDREN = (tenant, name, version) -> Optional.empty();

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  /** r = 0.5 puts a jittered retry delay exactly on the un-jittered one (see Retry). */
  final ExecutionEngine engine = new ExecutionEngine(clock, () -> 0.5, LEASE);

  static CompiledWorkflow compile(String yaml) {
    try {
      return DefinitionCompiler.compileTrusted(DefinitionParser.parse(yaml));
    } catch (InvalidDefinitionException e) {
      throw new AssertionError("test definition does not parse: " + e.getMessage(), e);
    }
  }

  /** A payload time as the event log writes it (RFC 3339, like Instant#toString). */
  static String text(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toString();
  }

  static JsonNode json(String text) {
    return Json.parse(text);
  }

  static ExecutionRecord running(CompiledWorkflow workflow, String inputJson) {
    return new ExecutionRecord(UUID.randomUUID(), "default", workflow.name(), 1, json(inputJson), null, null, null,
        TRACEPARENT, NOW, ExecutionStatus.EXECUTION_STATUS_RUNNING, null, null, null);
  }

  /** The task row as the driver reads it back when a result for it arrives. */
  static TaskRecord record(NewTask task) {
    return new TaskRecord(task.id(), task.executionId(), task.stepId(), task.itemIndex(), task.attempt(), task.kind(),
        task.status(), task.childExecutionId(), null);
  }

  static NewTask onlyTask(Changes changes) {
    List<NewTask> tasks = changes.newTasks();
    if (tasks.size() != 1) {
      throw new AssertionError("expected exactly one new task, got " + tasks);
    }
    return tasks.get(0);
  }

  static NewTask taskOf(Changes changes, String stepId) {
    return changes.newTasks().stream().filter(t -> t.stepId().equals(stepId)).findFirst()
        .orElseThrow(() -> new AssertionError("no new task for step " + stepId + " in " + changes.newTasks()));
  }

  static List<ExecutionEvent.Type> eventTypes(Changes changes) {
    return changes.events().stream().map(Event::type).toList();
  }
}
