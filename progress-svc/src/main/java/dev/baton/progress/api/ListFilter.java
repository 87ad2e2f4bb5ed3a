package dev.baton.progress.api;

import dev.baton.progress.error.ProgressException;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.WatchExecutionsRequest;
import java.util.EnumSet;
import java.util.Set;

/** A validated WatchExecutions request: which executions a list shows. */
record ListFilter(String workflowName, Set<ExecutionStatus> statuses, int limit) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  static ListFilter of(WatchExecutionsRequest request) {
    int limit = request.getLimit();
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new ProgressException.InvalidRequest("limit: " + limit + " (expected: 1.." + MAX_LIMIT + ", or 0 for "
          + DEFAULT_LIMIT + ")");
    }
    Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
    for (int i = 0; i < request.getStatusesCount(); i++) {
      ExecutionStatus status = request.getStatuses(i);
      if (status == ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED || status == ExecutionStatus.UNRECOGNIZED) {
        throw new ProgressException.InvalidRequest("statuses[" + i + "]: " + request.getStatusesValue(i)
            + " (expected: RUNNING, SUCCEEDED, FAILED or CANCELLED)");
      }
      statuses.add(status);
    }
    if (request.getWorkflowName().length() > 200) {
      throw new ProgressException.InvalidRequest("workflow_name: longer than 200 characters");
    }
    return new ListFilter(request.getWorkflowName(), statuses, limit == 0 ? DEFAULT_LIMIT : limit);
  }

  boolean matchesWorkflow(String name) {
    return workflowName.isEmpty() || workflowName.equals(name);
  }

  boolean matchesStatus(ExecutionStatus status) {
    return statuses.isEmpty() || statuses.contains(status);
  }
}
