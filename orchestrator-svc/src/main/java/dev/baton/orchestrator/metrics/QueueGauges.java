package dev.baton.orchestrator.metrics;

import dev.baton.common.config.RedisConfig;
import dev.baton.common.redis.RedisCommandErrors;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Depth and age of the oldest entry of every task queue, read from Redis when metrics are
 * collected (a scrape). Executors delete entries as they take them, so a stream's XLEN is its
 * backlog and its first entry the oldest task still waiting; the entry id holds the Redis time of
 * its XADD, compared with Redis's own TIME so that clock skew between hosts does not enter the
 * age. The queues are those executors registered (the only ones definitions may use). Per scrape:
 * one indexed query plus 1 + 2 per queue pipelined Redis commands, all O(1).
 */
public final class QueueGauges {
  private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
  private static final AttributeKey<String> TASK_QUEUE = OrchestratorMetrics.TASK_QUEUE;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Pool pool;
  private final RedisConfig redisConfig;
  private final StatefulRedisConnection<String, byte[]> redis;
  private final RedisCommandErrors redisErrors;

  private QueueGauges(Pool pool, RedisConfig redisConfig, StatefulRedisConnection<String, byte[]> redis,
      RedisCommandErrors redisErrors) {
    this.pool = pool;
    this.redisConfig = redisConfig;
    this.redis = redis;
    this.redisErrors = redisErrors;
  }

  public static void register(Meter meter, Pool pool, RedisConfig redisConfig,
      StatefulRedisConnection<String, byte[]> redis, RedisCommandErrors redisErrors) {
    QueueGauges gauges = new QueueGauges(pool, redisConfig, redis, redisErrors);
    ObservableLongMeasurement depth = meter.gaugeBuilder("baton.queue.depth").ofLongs().setUnit("{task}")
        .setDescription("Tasks waiting on a task queue's Redis stream (not yet taken by an executor)")
        .buildObserver();
    ObservableDoubleMeasurement age = meter.gaugeBuilder("baton.queue.oldest.age").setUnit("s")
        .setDescription("Age of the oldest task waiting on a task queue; 0 when the queue is empty")
        .buildObserver();
    meter.batchCallback(() -> gauges.observe(depth, age), depth, age);
  }

  /** Runs on the collecting thread (never an event loop: see ServiceServer's /metrics route). */
  private void observe(ObservableLongMeasurement depth, ObservableDoubleMeasurement age) {
    List<String> queues;
    try {
      queues = pool.query("SELECT DISTINCT task_queue FROM executor_handlers ORDER BY task_queue").execute()
          .map(rows -> {
            List<String> names = new ArrayList<>();
            for (Row row : rows) {
              names.add(row.getString(0));
            }
            return names;
          }).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException | TimeoutException e) {
      log.warn("queue gauges: could not list the task queues from PostgreSQL ({}); this scrape has no queue "
          + "depth or age", e.toString());
      return;
    }
    if (queues.isEmpty()) {
      return;
    }
    RedisAsyncCommands<String, byte[]> commands = redis.async();
    CompletableFuture<List<byte[]>> time = commands.time().toCompletableFuture();
    List<CompletableFuture<Long>> lengths = new ArrayList<>();
    List<CompletableFuture<List<StreamMessage<String, byte[]>>>> oldest = new ArrayList<>();
    for (String queue : queues) {
      String key = redisConfig.taskStream(queue);
      lengths.add(commands.xlen(key).toCompletableFuture());
      oldest.add(commands.xrange(key, Range.create("-", "+"), Limit.from(1)).toCompletableFuture());
    }
    try {
      long redisNowMillis = millis(await(time, "TIME"));
      for (int i = 0; i < queues.size(); i++) {
        Attributes attributes = Attributes.of(TASK_QUEUE, queues.get(i));
        depth.record(await(lengths.get(i), "XLEN"), attributes);
        List<StreamMessage<String, byte[]>> first = await(oldest.get(i), "XRANGE");
        age.record(first.isEmpty() ? 0 : Math.max(0, redisNowMillis - idMillis(first.get(0).getId())) / 1000.0,
            attributes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RedisReadFailed e) {
      log.warn("queue gauges: {} failed ({}); this scrape has no (or partial) queue depth and age",
          e.command, e.getCause().toString());
    }
  }

  private <T> T await(CompletableFuture<T> reply, String command) throws InterruptedException, RedisReadFailed {
    try {
      return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      redisErrors.record(command);
      throw new RedisReadFailed(command, e);
    }
  }

  private static final class RedisReadFailed extends Exception {
    final String command;

    RedisReadFailed(String command, Exception cause) {
      super(command, cause);
      this.command = command;
    }
  }

  /** TIME answers seconds and microseconds, as strings. */
  private static long millis(List<byte[]> time) {
    long seconds = Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII));
    long micros = Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII));
    return seconds * 1000 + micros / 1000;
  }

  /** A stream entry id is {@code <milliseconds>-<sequence>}. */
  static long idMillis(String id) {
    int dash = id.indexOf('-');
    return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
  }
}
