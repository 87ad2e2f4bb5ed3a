package dev.baton.orchestrator.store;

import dev.baton.proto.internal.v1.PublishedEvent;
import java.util.List;
import java.util.UUID;

/**
 * What a committed transition leaves to do: cancel the child executions of the tasks it closed,
 * and publish its events (numbered by the database) to progress watchers.
 */
public record Written(List<UUID> closedChildren, List<PublishedEvent> events) {}
