package dev.baton.executor.circuit;

import dev.baton.common.config.RedisConfig;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The breakers in Redis: one hash per tenant and provider (see {@link RedisConfig#circuitKey}),
 * changed only by the scripts {@code admit.lua} and {@code record.lua}, so that every executor
 * sees and makes the same decisions. Blocking calls, made from worker threads.
 */
public final class CircuitBreakers {
  /** A breaker nobody used for this long disappears (with its entry in ListCircuits). */
  static final Duration IDLE_TTL = Duration.ofDays(1);
  static final int OPENINGS_STREAM_MAX_LENGTH = 10_000;

  private final RedisConfig keys;
  private final RedisCommands<String, String> redis;
  private final Script admit = Script.load("admit.lua");
  private final Script record = Script.load("record.lua");

  public CircuitBreakers(RedisConfig keys, StatefulRedisConnection<String, String> connection) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.redis = Objects.requireNonNull(connection, "connection").sync();
  }

  /**
   * May a call go through now? A probe is granted for {@code openDuration} (the lease after which
   * an unreported probe no longer blocks the next one).
   */
  public Admission admit(String tenantId, String provider, CircuitSettings settings, Instant now) {
    List<Object> reply = admit.run(redis, ScriptOutputType.MULTI,
        new String[] {keys.circuitKey(tenantId, provider), keys.circuitIndexKey(tenantId)},
        Long.toString(now.toEpochMilli()), Long.toString(settings.openDuration().toMillis()),
        Long.toString(IDLE_TTL.toMillis()), provider);
    return new Admission(Admission.Verdict.valueOf((String) reply.get(0)),
        Instant.ofEpochMilli((Long) reply.get(1)));
  }

  /**
   * Records the outcome of an admitted call.
   *
   * @param callId unique per call (the task id), so that one call never counts twice in the window
   * @param error "<code>: <message>" of a failure, shown on the breaker; "" otherwise
   */
  public Transition record(String tenantId, String provider, CircuitSettings settings, Admission admission,
      CallOutcome outcome, String callId, String error, Instant now) {
    String reply = record.run(redis, ScriptOutputType.STATUS,
        new String[] {keys.circuitKey(tenantId, provider), keys.circuitFailuresKey(tenantId, provider),
            keys.circuitOpeningsStream()},
        Long.toString(now.toEpochMilli()), outcome.name(), admission.probe() ? "1" : "0",
        Integer.toString(settings.failureThreshold()), Long.toString(settings.window().toMillis()),
        Long.toString(settings.openDuration().toMillis()), Long.toString(IDLE_TTL.toMillis()), callId, error,
        tenantId, provider, Integer.toString(OPENINGS_STREAM_MAX_LENGTH));
    return Transition.valueOf(reply);
  }

  /** A Lua script run by its SHA, loaded again when Redis lost it (restart, SCRIPT FLUSH). */
  private record Script(String source, String name) {
    static Script load(String resource) {
      try (InputStream in = CircuitBreakers.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource + " next to " + CircuitBreakers.class);
        }
        return new Script(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + resource, e);
      }
    }

    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
      String sha = redis.digest(source);
      try {
        return redis.evalsha(sha, type, keys, args);
      } catch (RedisNoScriptException e) {
        return redis.eval(source, type, keys, args);
      }
    }
  }
}
