/**
 * analytics-svc's errors ({@link dev.baton.analytics.error.AnalyticsException}) and the one place
 * where any failure becomes a gRPC status ({@link dev.baton.analytics.error.Statuses}).
 */
package dev.baton.analytics.error;
