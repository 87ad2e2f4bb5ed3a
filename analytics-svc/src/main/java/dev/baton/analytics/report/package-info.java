/**
 * The AnalyticsService API: bottleneck reports built from the rollups of a window and the one
 * before it, and the rules that turn their numbers into findings.
 */
package dev.baton.analytics.report;
