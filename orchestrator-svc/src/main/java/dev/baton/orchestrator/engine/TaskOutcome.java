package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.proto.v1.StepError;
import java.util.UUID;

/** How a task row ends: the guarded update a transition makes to it. */
public record TaskOutcome(UUID taskId, TaskStatus status, JsonNode output, StepError error) {}
