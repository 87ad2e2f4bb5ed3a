package dev.baton.orchestrator.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.config.RedisConfig;
import dev.baton.common.json.Json;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves the executors' circuit openings (a Redis stream, see {@link RedisConfig#circuitOpeningsStream})
 * into the notifications outbox as CIRCUIT_OPENED. Replicas share one consumer group; an entry is
 * acknowledged only after its row is committed, and the row's cause (tenant, provider, opening time)
 * is unique, so a redelivered entry adds nothing. Entries a dead replica left unacknowledged are
 * claimed after a minute.
 */
final class CircuitOpenings {
  static final String GROUP = "notifications";
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CircuitOpenings.class);
  private static final Duration CLAIM_IDLE = Duration.ofMinutes(1);
  private static final int BATCH = 100;

  private final RedisConfig keys;
  private final RedisAsyncCommands<String, byte[]> redis;
  private final Pool pool;
  private final String consumer;
  private volatile boolean groupReady;

  CircuitOpenings(RedisConfig keys, StatefulRedisConnection<String, byte[]> connection, Pool pool, String consumer) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.redis = Objects.requireNonNull(connection, "connection").async();
    this.pool = Objects.requireNonNull(pool, "pool");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  /** Moves one batch; returns how many entries it handled. */
  @SuppressWarnings("unchecked") // Lettuce's xreadgroup takes StreamOffset<K>... (a generic varargs array)
  Future<Integer> runOnce() {
    String stream = keys.circuitOpeningsStream();
    return ensureGroup(stream)
        .compose(v -> Future.fromCompletionStage(redis.xautoclaim(stream,
            XAutoClaimArgs.Builder.xautoclaim(Consumer.from(GROUP, consumer), CLAIM_IDLE, "0-0").count(BATCH))))
        .compose(claimed -> Future.fromCompletionStage(redis.xreadgroup(Consumer.from(GROUP, consumer),
                XReadArgs.Builder.count(BATCH), StreamOffset.lastConsumed(stream)))
            .map(fresh -> {
              List<StreamMessage<String, byte[]>> all = new ArrayList<>(claimed.getMessages());
              all.addAll(fresh);
              return all;
            }))
        .compose(messages -> messages.isEmpty() ? Future.succeededFuture(0) : insert(messages)
            .compose(v -> Future.fromCompletionStage(redis.xack(stream, GROUP,
                messages.stream().map(StreamMessage::getId).toArray(String[]::new))))
            .map(acked -> messages.size()))
        .onFailure(e -> {
          if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
            groupReady = false; // Redis lost its data: create the group again on the next pass
          }
        });
  }

  private Future<Void> ensureGroup(String stream) {
    if (groupReady) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(redis.xgroupCreate(StreamOffset.from(stream, "0-0"), GROUP,
            XGroupCreateArgs.Builder.mkstream()))
        .recover(e -> e instanceof RedisBusyException ? Future.succeededFuture("OK") : Future.failedFuture(e))
        .map(ok -> {
          groupReady = true;
          return null;
        });
  }

  private Future<Void> insert(List<StreamMessage<String, byte[]>> messages) {
    List<Tuple> rows = new ArrayList<>();
    for (StreamMessage<String, byte[]> m : messages) {
      Map<String, byte[]> body = m.getBody();
      String tenant = text(body, "tenant");
      String provider = text(body, "provider");
      try {
        long openedAt = Long.parseLong(text(body, "opened_at"));
        ObjectNode details = Json.MAPPER.createObjectNode()
            .put("provider", provider)
            .put("openedAt", Instant.ofEpochMilli(openedAt).toString())
            .put("openUntil", Instant.ofEpochMilli(Long.parseLong(text(body, "open_until"))).toString())
            .put("failures", Long.parseLong(text(body, "failures")))
            .put("lastError", text(body, "last_error"));
        rows.add(Tuple.of(tenant, "circuit:" + tenant + ":" + provider + ":" + openedAt, Json.write(details)));
      } catch (NumberFormatException e) {
        log.warn("circuit opening {} on {} is malformed ({}); dropping it: no CIRCUIT_OPENED notification for "
            + "provider '{}' of tenant {}", m.getId(), keys.circuitOpeningsStream(), e.getMessage(), provider, tenant);
      }
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("INSERT INTO notifications (tenant_id, cause, event_type, payload) "
            + "VALUES ($1, $2, '" + NotificationKinds.CIRCUIT_OPENED + "', $3::text::jsonb) ON CONFLICT (cause) DO NOTHING")
        .executeBatch(rows)
        .mapEmpty();
  }

  private static String text(Map<String, byte[]> body, String field) {
    byte[] value = body.get(field);
    return value == null ? "" : new String(value, StandardCharsets.UTF_8);
  }
}
