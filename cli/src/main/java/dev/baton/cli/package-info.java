/**
 * The {@code baton} command line: apply workflow definitions, start, list, inspect and cancel
 * executions through the orchestrator's {@code WorkflowService}.
 *
 * <p>Owns only presentation: argument parsing (picocli), rendering of tables, JSON and YAML, and
 * the mapping of errors to one line on stderr plus an exit code. It holds no workflow logic and
 * talks to the orchestrator only through {@link dev.baton.sdk.client.BatonClient}.
 *
 * <p>{@link dev.baton.cli.BatonCli#commandLine()} is the one way to assemble the command; the
 * all-in-one launcher adds its {@code dev} subcommand to it. This package is the top of the command:
 * the packages below it (one per area of commands, plus {@code command}, {@code connect},
 * {@code render}, {@code watch} and {@code failure}) never depend on it; cli/README.md says what each owns.
 */
package dev.baton.cli;
