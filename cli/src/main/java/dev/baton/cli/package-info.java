/**
 * The {@code baton} command line: apply workflow definitions, start, list, inspect and cancel
 * executions through the orchestrator's {@code WorkflowService}.
 *
 * <p>Owns only presentation: argument parsing (picocli), rendering of tables, JSON and YAML, and
 * the mapping of errors to one line on stderr plus an exit code. It holds no workflow logic and
 * talks to the orchestrator only through {@link dev.baton.sdk.client.BatonClient}.
 *
 * <p>{@link dev.baton.cli.BatonCli#commandLine()} is the one way to assemble the command; the
 * all-in-one launcher adds its {@code dev} subcommand to it.
 */
package dev.baton.cli;
