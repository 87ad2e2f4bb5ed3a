/**
 * Alert rules over the raw spans ({@code analytics.spans}): per tenant and workflow (or external
 * API), evaluated every BATON_ALERT_EVAL_INTERVAL by whichever replica claims a due rule, with
 * hysteresis ({@link dev.baton.analytics.alerts.Hysteresis}), a history of firings and resolvings,
 * signed webhooks (the shared {@link dev.baton.common.webhook.WebhookSender} over
 * {@link dev.baton.analytics.alerts.AlertWebhookOutbox}, whose done deliveries are deleted after
 * BATON_ALERT_WEBHOOK_RETENTION) and a watch stream. The gRPC edge is {@link dev.baton.analytics.alerts.AlertApi}.
 */
package dev.baton.analytics.alerts;
