package dev.baton.executor.orchestrator;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.baton.executor.run.TaskRunner;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc.ExecutorServiceFutureStub;
import dev.baton.proto.internal.v1.HeartbeatRequest;
import dev.baton.proto.internal.v1.HeartbeatResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Heartbeat call: renews the orchestrator's leases on the tasks running here and stops those the
 * orchestrator answers as cancelled. Scheduled at the configured interval by the executor.
 */
public final class LeaseHeartbeats implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeats.class);

  private final String executorId;
  private final ExecutorServiceFutureStub orchestrator;
  private final TaskRunner runner;
  private final Duration deadline;

  public LeaseHeartbeats(String executorId, ExecutorServiceFutureStub orchestrator, TaskRunner runner,
      Duration deadline) {
    this.executorId = Objects.requireNonNull(executorId, "executorId");
    this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  @Override
  public void run() {
    try {
      heartbeat();
    } catch (RuntimeException e) { // an escaping exception would end the periodic schedule for good
      log.warn("heartbeat could not be sent: {}", e.toString());
    }
  }

  private void heartbeat() {
    List<String> taskIds = runner.runningTaskIds();
    if (taskIds.isEmpty()) {
      return;
    }
    HeartbeatRequest request = HeartbeatRequest.newBuilder()
        .setExecutorId(executorId)
        .addAllTaskIds(taskIds)
        .build();
    Futures.addCallback(
        orchestrator.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).heartbeat(request),
        new FutureCallback<HeartbeatResponse>() {
          @Override
          public void onSuccess(HeartbeatResponse response) {
            if (response.getCancelledTaskIdsCount() > 0) {
              runner.cancel(response.getCancelledTaskIdsList());
            }
          }

          @Override
          public void onFailure(Throwable error) {
            log.warn("heartbeat for {} running tasks failed ({}); if the orchestrator stays unreachable longer "
                + "than its lease, it dispatches these tasks again", taskIds.size(), Status.fromThrowable(error));
          }
        },
        MoreExecutors.directExecutor());
  }
}
