package dev.baton.orchestrator.definition;

/** Whether a workflow of this name exists for the tenant whose definition is being compiled (child-workflow steps). */
@FunctionalInterface
public interface WorkflowCatalog {
  boolean exists(String workflowName);
}
