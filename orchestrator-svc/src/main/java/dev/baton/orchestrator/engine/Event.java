package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** One entry for the execution event log. {@code itemIndex} and {@code attempt} may be null. */
public record Event(
    UUID executionId, String tenantId, EventType type, String stepId, Integer itemIndex, Integer attempt,
    ObjectNode payload) {}
