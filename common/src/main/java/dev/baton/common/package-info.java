/**
 * Shared runtime of the Baton services: server bootstrap (gRPC, gRPC-Web and HTTP health on one
 * Vert.x port), typed configuration from environment variables, PostgreSQL and Redis clients,
 * JSON, tenant context, signed webhook delivery over a service's own outbox table
 * ({@link dev.baton.common.webhook.WebhookSender}), periodic passes
 * ({@link dev.baton.common.vertx.PeriodicPass}), how the event log stores a typed execution event
 * ({@link dev.baton.common.events.EventPayloads}) and every service's start and stop
 * ({@link dev.baton.common.lifecycle.ServiceLifecycle}, {@link dev.baton.common.lifecycle.ServiceMain}).
 * Holds no service logic: nothing here knows what a workflow is.
 */
package dev.baton.common;
