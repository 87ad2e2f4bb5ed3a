package dev.baton.orchestrator.api;

import dev.baton.orchestrator.deadletter.DeadLetterFilter;
import dev.baton.orchestrator.execution.ExecutionCalls;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.ListFailedExecutionsRequest;
import dev.baton.proto.v1.ListFailedExecutionsResponse;
import dev.baton.proto.v1.RetryFailedExecutionsRequest;
import dev.baton.proto.v1.RetryFailedExecutionsResponse;
import io.vertx.core.Future;
import java.util.Objects;

/** The dead-letter calls of WorkflowService: validate every field first (nothing changes on bad input), then act. */
final class DeadLetterCalls {
  private final ExecutionCalls executions;

  DeadLetterCalls(ExecutionCalls executions) {
    this.executions = Objects.requireNonNull(executions, "executions");
  }

  Future<ListFailedExecutionsResponse> list(String tenant, ListFailedExecutionsRequest request) {
    DeadLetterFilter filter = DeadLetterRequests.filter(request.getFilter());
    int limit = PageTokens.pageSize("page_size", request.getPageSize(), 50);
    PageTokens.ExecutionCursor cursor = PageTokens.decodeFailed(request.getPageToken());
    return executions.failed(tenant, filter, cursor == null ? null : cursor.at(),
            cursor == null ? null : cursor.id(), limit)
        .map(list -> ListFailedExecutionsResponse.newBuilder().addAllExecutions(list)
            .setNextPageToken(list.size() < limit ? "" : PageTokens.encodeFailed(list.get(list.size() - 1)))
            .build());
  }

  Future<RetryFailedExecutionsResponse> retry(String tenant, RetryFailedExecutionsRequest request) {
    DeadLetterFilter filter = DeadLetterRequests.retryScope(request);
    int limit = DeadLetterRequests.retryLimit(request.getLimit());
    Actor actor = InterventionRequests.actor(request.hasActor(), request.getActor());
    return executions.retryFailed(tenant, filter, actor, limit, request.getDryRun());
  }
}
