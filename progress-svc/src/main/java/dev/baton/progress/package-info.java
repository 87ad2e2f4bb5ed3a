/**
 * The progress service. Owns nothing yet but its health endpoints; must not read or write the
 * orchestrator's tables directly except through the execution event log once its issue lands.
 */
package dev.baton.progress;
