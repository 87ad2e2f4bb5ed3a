package dev.baton.analytics.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Spans column by column: one array per column of {@code analytics.spans}, in the parameter order
 * of {@link SpanStore}'s INSERT, which turns them back into rows with {@code unnest}.
 */
final class SpanColumns {
  private final Buffer[] traceIds;
  private final Buffer[] spanIds;
  private final Buffer[] parentSpanIds;
  private final String[] services;
  private final String[] names;
  private final Short[] kinds;
  private final OffsetDateTime[] startTimes;
  private final OffsetDateTime[] endTimes;
  private final Long[] durations;
  private final Short[] statusCodes;
  private final String[] statusMessages;
  private final String[] tenants;
  private final String[] workflows;
  private final Integer[] workflowVersions;
  private final String[] executionIds;
  private final String[] steps;
  private final Integer[] attempts;
  private final Integer[] items;
  private final String[] outcomes;
  private final Long[] backoffs;
  private final Long[] queues;
  private final Long[] runs;
  private final String[] serverAddresses;
  private final String[] attributes;
  private int size;

  SpanColumns(int capacity) {
    traceIds = new Buffer[capacity];
    spanIds = new Buffer[capacity];
    parentSpanIds = new Buffer[capacity];
    services = new String[capacity];
    names = new String[capacity];
    kinds = new Short[capacity];
    startTimes = new OffsetDateTime[capacity];
    endTimes = new OffsetDateTime[capacity];
    durations = new Long[capacity];
    statusCodes = new Short[capacity];
    statusMessages = new String[capacity];
    tenants = new String[capacity];
    workflows = new String[capacity];
    workflowVersions = new Integer[capacity];
    executionIds = new String[capacity];
    steps = new String[capacity];
    attempts = new Integer[capacity];
    items = new Integer[capacity];
    outcomes = new String[capacity];
    backoffs = new Long[capacity];
    queues = new Long[capacity];
    runs = new Long[capacity];
    serverAddresses = new String[capacity];
    attributes = new String[capacity];
  }

  void add(SpanRow row) {
    int i = size++;
    traceIds[i] = Buffer.buffer(row.traceId());
    spanIds[i] = Buffer.buffer(row.spanId());
    parentSpanIds[i] = row.parentSpanId() == null ? null : Buffer.buffer(row.parentSpanId());
    services[i] = row.service();
    names[i] = row.name();
    kinds[i] = (short) row.kind();
    startTimes[i] = row.startTime();
    endTimes[i] = row.endTime();
    durations[i] = row.durationNanos();
    statusCodes[i] = (short) row.statusCode();
    statusMessages[i] = row.statusMessage();
    SpanRow.BatonAttributes baton = row.baton();
    tenants[i] = baton.tenant();
    workflows[i] = baton.workflow();
    workflowVersions[i] = baton.workflowVersion();
    executionIds[i] = baton.executionId();
    steps[i] = baton.step();
    attempts[i] = baton.attempt();
    items[i] = baton.item();
    outcomes[i] = baton.outcome();
    backoffs[i] = baton.backoffMs();
    queues[i] = baton.queueMs();
    runs[i] = baton.runMs();
    serverAddresses[i] = row.serverAddress();
    attributes[i] = row.attributes() == null ? null : row.attributes().encode();
  }

  Tuple tuple() {
    if (size != traceIds.length) {
      throw new IllegalStateException(size + " of " + traceIds.length + " rows added");
    }
    return Tuple.tuple()
        .addArrayOfBuffer(traceIds).addArrayOfBuffer(spanIds).addArrayOfBuffer(parentSpanIds)
        .addArrayOfString(services).addArrayOfString(names).addArrayOfShort(kinds)
        .addArrayOfOffsetDateTime(startTimes).addArrayOfOffsetDateTime(endTimes).addArrayOfLong(durations)
        .addArrayOfShort(statusCodes).addArrayOfString(statusMessages)
        .addArrayOfString(tenants).addArrayOfString(workflows).addArrayOfInteger(workflowVersions)
        .addArrayOfString(executionIds).addArrayOfString(steps).addArrayOfInteger(attempts)
        .addArrayOfInteger(items).addArrayOfString(outcomes)
        .addArrayOfLong(backoffs).addArrayOfLong(queues).addArrayOfLong(runs)
        .addArrayOfString(serverAddresses).addArrayOfString(attributes);
  }
}
