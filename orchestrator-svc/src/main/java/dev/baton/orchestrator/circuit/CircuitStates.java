package dev.baton.orchestrator.circuit;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.baton.common.config.RedisConfig;
import dev.baton.proto.v1.Circuit;
import dev.baton.proto.v1.CircuitState;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a tenant's breakers from Redis. An OPEN breaker whose period is over is shown HALF_OPEN (the
 * next call probes it, which is when an executor writes that state); the failures of a CLOSED one are
 * counted inside its window as of now.
 */
public final class CircuitStates {
  private final RedisConfig keys;
  private final RedisAsyncCommands<String, byte[]> redis;
  private final Clock clock;

  public CircuitStates(RedisConfig keys, StatefulRedisConnection<String, byte[]> connection, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.redis = Objects.requireNonNull(connection, "connection").async();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The tenant's breakers, by provider name. */
  public Future<List<Circuit>> list(String tenantId) {
    CompletableFuture<List<Circuit>> all = redis.smembers(keys.circuitIndexKey(tenantId)).toCompletableFuture()
        .thenCompose(members -> {
          List<CompletableFuture<Circuit>> reads = new ArrayList<>();
          for (byte[] member : members) {
            reads.add(read(tenantId, new String(member, StandardCharsets.UTF_8)));
          }
          return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> reads.stream()
              .map(CompletableFuture::join)
              .filter(Objects::nonNull)
              .sorted(Comparator.comparing(Circuit::getProvider))
              .toList());
        });
    return Future.fromCompletionStage(all);
  }

  /** One breaker; null when its hash expired (idle for a day) while the index still names it. */
  private CompletableFuture<Circuit> read(String tenantId, String provider) {
    long now = clock.millis();
    return redis.hgetall(keys.circuitKey(tenantId, provider)).toCompletableFuture().thenCompose(raw -> {
      if (raw.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      Fields f = new Fields(raw);
      CircuitState state = switch (f.text("state")) {
        case "OPEN" -> f.number("open_until") <= now ? CircuitState.CIRCUIT_STATE_HALF_OPEN : CircuitState.CIRCUIT_STATE_OPEN;
        case "HALF_OPEN" -> CircuitState.CIRCUIT_STATE_HALF_OPEN;
        default -> CircuitState.CIRCUIT_STATE_CLOSED;
      };
      Circuit.Builder circuit = Circuit.newBuilder()
          .setProvider(provider)
          .setState(state)
          .setFailuresInWindow((int) f.number("failures"))
          .setFailureThreshold((int) f.number("threshold"))
          .setWindow(millis(f.number("window_ms")))
          .setOpenDuration(millis(f.number("open_ms")))
          .setTimesOpened(f.number("times_opened"))
          .setLastError(f.text("last_error"));
      if (f.number("opened_at") > 0) {
        circuit.setOpenedTime(time(f.number("opened_at")));
      }
      if (state == CircuitState.CIRCUIT_STATE_OPEN) {
        circuit.setOpenUntil(time(f.number("open_until")));
      }
      if (state != CircuitState.CIRCUIT_STATE_CLOSED) {
        return CompletableFuture.completedFuture(circuit.build());
      }
      return redis.zcount(keys.circuitFailuresKey(tenantId, provider),
              io.lettuce.core.Range.create(now - f.number("window_ms"), Long.MAX_VALUE))
          .toCompletableFuture()
          .thenApply(count -> circuit.setFailuresInWindow(count.intValue()).build());
    });
  }

  private static Duration millis(long ms) {
    return Duration.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000).build();
  }

  private static Timestamp time(long epochMs) {
    return Timestamp.newBuilder().setSeconds(epochMs / 1000).setNanos((int) (epochMs % 1000) * 1_000_000).build();
  }

  private record Fields(Map<String, byte[]> raw) {
    String text(String name) {
      byte[] value = raw.get(name);
      return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    long number(String name) {
      String text = text(name);
      return text.isEmpty() ? 0 : Long.parseLong(text);
    }
  }
}
