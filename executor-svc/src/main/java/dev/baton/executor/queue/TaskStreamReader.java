package dev.baton.executor.queue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.common.redis.RedisCommandErrors;
import dev.baton.executor.run.TaskRunner;
import dev.baton.proto.internal.v1.Task;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one task queue: reads entries from its stream with XREADGROUP (only as many as there are
 * free slots), acknowledges and deletes them at once, and hands the tasks to the {@link TaskRunner}.
 *
 * <p>Deleting on receipt keeps the stream length equal to the backlog of undelivered tasks, which the
 * orchestrator's reconciler relies on. A task that is lost after that point (executor crash) is
 * protected by the orchestrator's lease, not by the Redis pending list.
 */
public final class TaskStreamReader implements Runnable {
  /** The consumer group every executor joins; part of the queue protocol with the orchestrator. */
  public static final String GROUP = "executors";
  /** The stream entry field holding the serialized {@link Task}. */
  public static final String TASK_FIELD = "task";

  private static final Logger log = LoggerFactory.getLogger(TaskStreamReader.class);
  private static final Duration BLOCK = Duration.ofSeconds(1);
  private static final Duration SLOT_WAIT = Duration.ofMillis(200);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

  private final String queue;
  private final String streamKey;
  private final String executorId;
  private final StatefulRedisConnection<String, byte[]> blockingConnection;
  private final RedisAsyncCommands<String, byte[]> acks;
  private final TaskRunner runner;
  private final RedisCommandErrors redisErrors;
  private final int maxPerRead;
  private volatile boolean stopped;

  /**
   * @param blockingConnection used by this reader only: a blocking read holds its connection
   * @param acks shared, non-blocking connection for XACK/XDEL
   * @param maxPerRead fair share of the executor's slots one read may take
   * @param redisErrors counts the commands that failed (docs/metrics.md)
   */
  public TaskStreamReader(String queue, String streamKey, String executorId,
      StatefulRedisConnection<String, byte[]> blockingConnection, RedisAsyncCommands<String, byte[]> acks,
      TaskRunner runner, int maxPerRead, RedisCommandErrors redisErrors) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.streamKey = Objects.requireNonNull(streamKey, "streamKey");
    this.executorId = Objects.requireNonNull(executorId, "executorId");
    this.blockingConnection = Objects.requireNonNull(blockingConnection, "blockingConnection");
    this.acks = Objects.requireNonNull(acks, "acks");
    this.redisErrors = Objects.requireNonNull(redisErrors, "redisErrors");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.maxPerRead = Math.max(1, maxPerRead);
  }

  /** Creates the consumer group (and the stream) if missing. Start reading from the beginning. */
  public void ensureGroup() {
    try {
      blockingConnection.sync().xgroupCreate(StreamOffset.from(streamKey, "0-0"), GROUP,
          XGroupCreateArgs.Builder.mkstream());
      log.info("created consumer group '{}' on {}", GROUP, streamKey);
    } catch (RedisBusyException e) {
      // BUSYGROUP: another executor (or an earlier start) created it; that's the normal case.
    }
  }

  /** Asks the loop to end after its current read (at most about one second). */
  public void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    log.info("reading task queue '{}' ({}) as {}", queue, streamKey, executorId);
    while (!stopped) {
      try {
        readOnce();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        if (e instanceof io.lettuce.core.RedisException) {
          redisErrors.record("XREADGROUP");
        }
        if (isMissingGroup(e)) {
          log.warn("consumer group '{}' on {} is gone (Redis lost its data?); creating it again", GROUP, streamKey);
          recreateGroup();
        } else {
          log.warn("reading task queue '{}' failed; retrying in 1s: {}", queue, e.toString());
          pause();
        }
      }
    }
  }

  private void readOnce() throws InterruptedException {
    int reserved = runner.reserveSlots(maxPerRead, SLOT_WAIT);
    if (reserved == 0) {
      return;
    }
    int used = 0;
    try {
      List<StreamMessage<String, byte[]>> entries = read(reserved);
      if (entries == null || entries.isEmpty()) {
        return;
      }
      acknowledgeAndDelete(entries);
      for (StreamMessage<String, byte[]> entry : entries) {
        Task task = decode(entry);
        if (task != null) {
          used++;
          runner.run(task);
        }
      }
    } finally {
      runner.releaseSlots(reserved - used);
    }
  }

  @SuppressWarnings("unchecked") // Lettuce's varargs of a generic type; one offset is passed
  private List<StreamMessage<String, byte[]>> read(int count) {
    RedisCommands<String, byte[]> redis = blockingConnection.sync();
    return redis.xreadgroup(Consumer.from(GROUP, executorId), XReadArgs.Builder.block(BLOCK).count(count),
        StreamOffset.lastConsumed(streamKey));
  }

  private void acknowledgeAndDelete(List<StreamMessage<String, byte[]>> entries) {
    String[] ids = entries.stream().map(StreamMessage::getId).toArray(String[]::new);
    acks.xack(streamKey, GROUP, ids).whenComplete((n, e) -> warnIfFailed("XACK", ids, e));
    acks.xdel(streamKey, ids).whenComplete((n, e) -> warnIfFailed("XDEL", ids, e));
  }

  private void warnIfFailed(String command, String[] ids, Throwable error) {
    if (error != null) {
      redisErrors.record(command);
      log.warn("{} of {} entries on {} failed: {}. The entries stay in the stream, so the queue looks "
          + "longer than it is until they are removed (XDEL {} <ids>)", command, ids.length, streamKey,
          error.toString(), streamKey);
    }
  }

  private Task decode(StreamMessage<String, byte[]> entry) {
    byte[] bytes = entry.getBody().get(TASK_FIELD);
    if (bytes == null) {
      log.error("entry {} on {} has no '{}' field; dropped (whoever wrote it does not follow the queue protocol)",
          entry.getId(), streamKey, TASK_FIELD);
      return null;
    }
    try {
      return Task.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      log.error("entry {} on {} is not a baton.internal.v1.Task ({}); dropped (the orchestrator's lease re-dispatches "
          + "the step if it was a real task)", entry.getId(), streamKey, e.getMessage());
      return null;
    }
  }

  private static boolean isMissingGroup(RuntimeException e) {
    String message = e instanceof RedisCommandExecutionException ? e.getMessage() : null;
    return message != null && (message.startsWith("NOGROUP") || message.contains("no longer exists"));
  }

  private void recreateGroup() {
    try {
      ensureGroup();
    } catch (RuntimeException e) {
      log.warn("creating consumer group '{}' on {} failed; retrying in 1s: {}", GROUP, streamKey, e.toString());
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(ERROR_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
