package dev.baton.orchestrator.dispatch;

import dev.baton.common.config.RedisConfig;
import com.google.protobuf.Timestamp;
import dev.baton.proto.internal.v1.Task;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import dev.baton.orchestrator.metrics.OrchestratorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts recorded tasks on their Redis streams. Called only after the transaction that recorded
 * them committed; a task whose XADD is lost (Redis down or flushed) is dispatched again by the
 * lease reconciler (package transition) when its lease lapses, so a failure here loses nothing.
 */
public final class TaskDispatcher {
  private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);

  private final RedisConfig redis;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final Clock clock;
  private final OrchestratorMetrics metrics;

  public TaskDispatcher(RedisConfig redis, StatefulRedisConnection<String, byte[]> connection, Clock clock,
      OrchestratorMetrics metrics) {
    this.redis = redis;
    this.connection = connection;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Future<Void> dispatch(List<Task> tasks) {
    if (tasks.isEmpty()) {
      return Future.succeededFuture();
    }
    RedisAsyncCommands<String, byte[]> redisCommands = connection.async();
    List<CompletableFuture<String>> sent = new ArrayList<>(tasks.size());
    // the executor's attempt span measures the queue wait from here (docs/tracing.md)
    Instant now = clock.instant();
    Timestamp dispatchTime = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    for (Task task : tasks) {
      byte[] message = task.toBuilder().setDispatchTime(dispatchTime).build().toByteArray();
      // called right after the commit, so this is the commit -> XADD latency
      sent.add(redisCommands.xadd(redis.taskStream(task.getTaskQueue()), Map.of("task", message))
          .toCompletableFuture()
          .whenComplete((id, e) -> {
            if (e == null) {
              metrics.dispatched(task.getTaskQueue(), Duration.between(now, clock.instant()));
            } else {
              metrics.redisErrors().record("XADD");
            }
          }));
    }
    return Future.fromCompletionStage(CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])))
        .<Void>mapEmpty()
        .onFailure(e -> log.warn("could not queue {} task(s) on Redis ({}); the lease reconciler will queue them "
            + "again once their lease lapses", tasks.size(), e.toString()));
  }

  /** Undelivered entries on a queue's stream (executors delete entries as they take them). */
  public Future<Long> backlog(String taskQueue) {
    return Future.fromCompletionStage(connection.async().xlen(redis.taskStream(taskQueue)));
  }
}
