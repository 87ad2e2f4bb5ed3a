/**
 * Admin notifications: webhook channels ({@link dev.baton.orchestrator.notify.NotificationChannels}),
 * the outbox (table {@code notifications}, filled in the transaction of the execution event that
 * caused it by a database trigger, and from the executors' stream of circuit openings by
 * {@link dev.baton.orchestrator.notify.CircuitOpenings}), the fan-out of each notification to the
 * channels it concerns ({@link dev.baton.orchestrator.notify.FanOut}), signed delivery with retries
 * (the shared {@link dev.baton.common.webhook.WebhookSender} over this service's table,
 * {@link dev.baton.orchestrator.notify.NotificationOutbox}, which also deletes what is done after
 * BATON_NOTIFY_RETENTION). Every replica runs the loop; rows are claimed with FOR UPDATE SKIP
 * LOCKED, so each (notification, channel) is sent by one replica.
 * Independent of the engine: it only reads what the engine wrote.
 */
package dev.baton.orchestrator.notify;
