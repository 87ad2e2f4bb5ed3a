package dev.baton.progress.model;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.WorkflowDefinition;
import java.util.Objects;

/** What an execution is, fixed when it is created: the frame its events are folded into. */
public record ExecutionHeader(
    String executionId, String tenantId, String workflowName, int workflowVersion, WorkflowDefinition definition,
    Timestamp createTime, String parentExecutionId) {

  public ExecutionHeader {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(workflowName, "workflowName");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createTime, "createTime");
    parentExecutionId = parentExecutionId == null ? "" : parentExecutionId;
  }
}
