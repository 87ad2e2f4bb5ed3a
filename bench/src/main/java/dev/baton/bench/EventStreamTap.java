package dev.baton.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.common.config.RedisConfig;
import dev.baton.proto.internal.v1.EventBatch;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads the orchestrator's event fan-out stream straight from Redis, as progress-svc does, and
 * records {@code read time - publish_time} per batch: the floor of the live path on this machine
 * at this moment (commit, XADD, a blocked XREAD waking up, a thread getting a core). Set next to
 * the subscribers' latency, the difference is what progress-svc and the gRPC hop add.
 */
final class EventStreamTap implements AutoCloseable {
  private static final Duration BLOCK = Duration.ofMillis(500);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final String stream;
  private final Queue<Double> latenciesMs = new ConcurrentLinkedQueue<>();
  private final Instant from;
  private final Thread thread;
  private volatile boolean running = true;

  private EventStreamTap(RedisConfig redis, Instant from) {
    this.from = from;
    this.client = RedisClient.create(redis.uri());
    this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    this.stream = redis.eventStream();
    this.thread = new Thread(this::run, "bench-event-tap");
    this.thread.setDaemon(true);
  }

  /** Starts reading at the stream's end; records batches published from {@code from} on (after a warm-up). */
  static EventStreamTap start(RedisConfig redis, Instant from) {
    EventStreamTap tap = new EventStreamTap(redis, from);
    tap.thread.start();
    return tap;
  }

  // Lettuce's xread takes a generic varargs of stream offsets; one offset of a known type is safe
  @SuppressWarnings("unchecked")
  private void run() {
    String lastId = "$";
    while (running) {
      try {
        List<StreamMessage<String, byte[]>> messages = connection.sync().xread(XReadArgs.Builder.block(BLOCK),
            XReadArgs.StreamOffset.from(stream, lastId));
        Instant read = Instant.now();
        for (StreamMessage<String, byte[]> message : messages) {
          lastId = message.getId();
          EventBatch batch = EventBatch.parseFrom(message.getBody().get(RedisConfig.EVENT_FIELD));
          Instant published = Instant.ofEpochSecond(batch.getPublishTime().getSeconds(),
              batch.getPublishTime().getNanos());
          if (!published.isBefore(from)) {
            latenciesMs.add(Duration.between(published, read).toNanos() / 1e6);
          }
        }
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        if (running) {
          Console.progress("event tap: reading " + stream + " failed (" + e + "); its figures are incomplete");
          return;
        }
      }
    }
  }

  /** What it has recorded so far. */
  List<Double> latenciesMs() {
    return List.copyOf(latenciesMs);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(2 * BLOCK.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
    client.shutdown();
  }
}
