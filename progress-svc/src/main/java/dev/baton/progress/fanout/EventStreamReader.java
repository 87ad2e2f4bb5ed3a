package dev.baton.progress.fanout;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.common.config.RedisConfig;
import dev.baton.proto.internal.v1.EventBatch;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the orchestrator's event fan-out stream (every batch; each progress-svc replica reads all
 * of it, without a consumer group) and hands each decoded {@link EventBatch} on. One thread with
 * its own connection, since a blocking XREAD holds its whole connection.
 *
 * <p>It starts at the stream's end (earlier events are read from PostgreSQL when a watch starts)
 * and then continues after the last entry id it read. Redis going away, being flushed or the
 * stream being trimmed only loses entries, never stops the reader: it retries with a growing pause
 * and the trackers read what it lost back from the event log.
 */
public final class EventStreamReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventStreamReader.class);
  private static final Duration BLOCK = Duration.ofSeconds(1);
  private static final int COUNT = 500;

  private final RedisClient client;
  private final String stream;
  private final Consumer<EventBatch> sink;
  private final Thread thread;
  private volatile boolean running = true;
  private StatefulRedisConnection<String, byte[]> connection;

  public EventStreamReader(RedisClient client, RedisConfig redis, Consumer<EventBatch> sink) {
    this.client = Objects.requireNonNull(client, "client");
    this.stream = redis.eventStream();
    this.sink = Objects.requireNonNull(sink, "sink");
    this.thread = new Thread(this::run, "progress-event-reader");
    this.thread.setDaemon(true);
  }

  /** Connects (failing fast when Redis is unreachable) and starts reading. */
  public EventStreamReader start() {
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    thread.start();
    return this;
  }

  private void run() {
    RedisCommands<String, byte[]> redis = connection.sync();
    String lastId = null;
    long pauseMillis = 100;
    while (running) {
      try {
        if (lastId == null) {
          lastId = currentEnd(redis);
        }
        List<StreamMessage<String, byte[]>> messages = redis.xread(XReadArgs.Builder.block(BLOCK).count(COUNT),
            XReadArgs.StreamOffset.from(stream, lastId));
        for (StreamMessage<String, byte[]> message : messages) {
          lastId = message.getId();
          deliver(message);
        }
        pauseMillis = 100;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("reading the event stream {} failed ({}); retrying in {} ms (watchers are served from PostgreSQL "
            + "by the backfill sweep meanwhile)", stream, e.toString(), pauseMillis);
        sleep(pauseMillis);
        pauseMillis = Math.min(pauseMillis * 2, 5000);
      }
    }
  }

  /** The id of the stream's newest entry ("0-0" when it is empty or missing). */
  private String currentEnd(RedisCommands<String, byte[]> redis) {
    List<StreamMessage<String, byte[]>> newest = redis.xrevrange(stream, io.lettuce.core.Range.unbounded(),
        io.lettuce.core.Limit.from(1));
    return newest.isEmpty() ? "0-0" : newest.get(0).getId();
  }

  private void deliver(StreamMessage<String, byte[]> message) {
    byte[] bytes = message.getBody().get(RedisConfig.EVENT_FIELD);
    if (bytes == null) {
      log.warn("event stream entry {} has no field '{}'; skipped", message.getId(), RedisConfig.EVENT_FIELD);
      return;
    }
    try {
      sink.accept(EventBatch.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      log.warn("event stream entry {} is not an EventBatch ({}); skipped", message.getId(), e.getMessage());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops reading and closes the connection. Idempotent. */
  @Override
  public void close() {
    running = false;
    if (connection != null) {
      connection.close();
    }
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
