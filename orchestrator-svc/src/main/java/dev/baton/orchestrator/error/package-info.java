/**
 * The orchestrator's one exception root ({@link dev.baton.orchestrator.error.OrchestratorException}),
 * in a package of its own so that the packages throwing it do not depend on the one that wires them.
 */
package dev.baton.orchestrator.error;
