package dev.baton.orchestrator.dispatch;

import com.google.protobuf.Timestamp;
import dev.baton.common.config.RedisConfig;
import dev.baton.common.redis.RedisCommandErrors;
import dev.baton.proto.internal.v1.EventBatch;
import dev.baton.proto.internal.v1.PublishedEvent;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed execution events out to progress-svc: one {@link EventBatch} per committed
 * transition on one Redis stream, trimmed to about {@code maxLength} batches. Fire and forget:
 * the event log in PostgreSQL is the source of truth, and progress-svc reads back from it any
 * events this stream lost (Redis down, flushed or trimmed), noticing the gap in their sequence.
 */
public final class EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  private final String stream;
  private final XAddArgs trim;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommandErrors redisErrors;

  public EventPublisher(RedisConfig redis, StatefulRedisConnection<String, byte[]> connection, long maxLength,
      RedisCommandErrors redisErrors) {
    this.stream = redis.eventStream();
    this.trim = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
    this.connection = connection;
    this.redisErrors = redisErrors;
  }

  public void publish(List<PublishedEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    EventBatch batch = EventBatch.newBuilder().addAllEvents(events)
        .setPublishTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
    connection.async().xadd(stream, trim, Map.of(RedisConfig.EVENT_FIELD, batch.toByteArray()))
        .exceptionally(e -> {
          redisErrors.record("XADD");
          log.debug("could not publish {} event(s) ({}); progress-svc reads them back from the event log",
              events.size(), e.toString());
          return null;
        });
  }
}
