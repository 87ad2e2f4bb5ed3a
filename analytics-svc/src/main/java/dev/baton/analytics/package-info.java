/**
 * The analytics service: an OTLP/gRPC trace receiver that keeps spans of every service (and of
 * any OpenTelemetry SDK) in its own PostgreSQL schema {@code analytics}. It must not read or write
 * the orchestrator's tables nor use another service's classes ({@code ArchitectureTest}). Rollups,
 * reports and alerts are built on {@code analytics.spans}.
 */
package dev.baton.analytics;
