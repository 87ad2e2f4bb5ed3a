/**
 * Workflow definitions: from the text an author writes to the immutable form the engine runs.
 *
 * <pre>
 *   YAML / JSON text --{@link dev.baton.orchestrator.definition.DefinitionParser}--> WorkflowDefinition (proto)
 *   WorkflowDefinition --{@link dev.baton.orchestrator.definition.DefinitionCompiler}--> {@link dev.baton.orchestrator.definition.CompiledWorkflow}
 * </pre>
 *
 * <p>The proto messages of {@code baton/v1/workflow.proto} are the model; this package adds no
 * parallel model, only the compiled view: steps by id, the DAG in both directions, CEL compiled once,
 * defaults applied ({@link dev.baton.orchestrator.definition.CompiledStep},
 * {@link dev.baton.orchestrator.definition.Retry}).
 *
 * <p><b>Validation.</b> {@code DefinitionCompiler.compile} is the gate when a definition is applied:
 * it reports every violation at once, each naming the field as {@code steps[1] (enrich).dependsOn: ...}.
 * It asks a {@link dev.baton.orchestrator.definition.HandlerCatalog} and a
 * {@link dev.baton.orchestrator.definition.WorkflowCatalog} whether the handlers and child workflows
 * exist. Stored definitions are recompiled with {@code compileTrusted}, which skips those two checks
 * so that running executions survive a handler being unregistered.
 *
 * <p><b>Expressions</b> ({@link dev.baton.orchestrator.definition.Expression}, CEL) see these variables:
 * <ul>
 *   <li>{@code input}: the execution's input object;
 *   <li>{@code steps}: {@code stepId -> {"status": "SUCCEEDED"|"SKIPPED"|..., "output": value}} of the
 *       step's finished upstream steps. The compiler rejects a static reference ({@code steps.x},
 *       {@code steps['x']}) to a step that is not a transitive dependency, because whether it has
 *       finished would depend on timing;
 *   <li>{@code item}, {@code index}: the element and its position, only in the {@code input} and the
 *       {@code onError} rules of a {@code forEach} step. {@code when} and {@code forEach.items} are
 *       evaluated once per step, before any fan-out, so they cannot use them;
 *   <li>{@code error}: the failure, only in the {@code if} of a recovery rule
 *       ({@link dev.baton.orchestrator.definition.CompiledRule}).
 * </ul>
 * Recovery rules ({@code onError}) compile to {@link dev.baton.orchestrator.definition.CompiledRule}s with a
 * {@link dev.baton.orchestrator.definition.RuleAction}; a step's list is its own rules followed by the
 * workflow's defaults, in the order the engine consults them.
 * Values cross into and out of CEL as plain JSON-like Java values (see {@code CelValues}).
 * {@link dev.baton.orchestrator.definition.Template} applies expressions inside a step's
 * {@code input} and the workflow's {@code output}.
 *
 * <p>Everything here is immutable and thread-safe once built; nothing is cached globally. This package
 * does not touch the database, Redis or the execution state; the engine owns those.
 */
package dev.baton.orchestrator.definition;
