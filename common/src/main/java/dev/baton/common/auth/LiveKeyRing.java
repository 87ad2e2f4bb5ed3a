package dev.baton.common.auth;

import dev.baton.common.vertx.PeriodicPass;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's key ring, kept current: every {@code refresh} it reads auth.key_ring's version
 * (one tiny query, however many calls arrive) and reloads the keys when it moved, so a revocation
 * reaches every replica within one refresh interval. Calls never wait for the database. Also
 * collects when keys were used and writes that down on the same timer.
 */
public final class LiveKeyRing {
  private static final Logger log = LoggerFactory.getLogger(LiveKeyRing.class);

  private final KeyRingSource source;
  private final Clock clock;
  private final PeriodicPass refresher;
  private final Map<String, Instant> usedSinceLastWrite = new ConcurrentHashMap<>();
  private volatile KeyRing ring = KeyRing.empty();

  public LiveKeyRing(Vertx vertx, KeyRingSource source, Duration refresh, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refresher = new PeriodicPass(vertx, refresh, clock, log, List.of(
        PeriodicPass.step("reloading the API keys", this::reloadIfChanged),
        PeriodicPass.step("recording when API keys were last used", this::writeUse)));
  }

  /** Loads the ring, then keeps it current. Fails when the first load fails (start-up fails fast). */
  public Future<LiveKeyRing> start() {
    return source.load().map(loaded -> {
      ring = loaded;
      refresher.start();
      log.info("API keys loaded: {} (version {})", loaded.size(), loaded.version());
      return this;
    });
  }

  /** Safe to call twice; writes the last usage it collected. */
  public Future<Void> stop() {
    refresher.stop();
    return writeUse().recover(e -> Future.succeededFuture());
  }

  /** Checks an {@code authorization} header value against the current ring. */
  public Verdict verifyHeader(String authorization) {
    Instant now = clock.instant();
    Verdict verdict = ring.verifyHeader(authorization, now);
    if (verdict instanceof Verdict.Accepted accepted) {
      usedSinceLastWrite.put(accepted.principal().keyId(), now);
    }
    return verdict;
  }

  /** Reloads now if the ring changed (tests and the key API use it to see their own change at once). */
  public Future<Void> reloadIfChanged() {
    return source.version().compose(version -> version == ring.version()
        ? Future.succeededFuture()
        : source.load().map(loaded -> {
          ring = loaded;
          return null;
        }));
  }

  private Future<Void> writeUse() {
    if (usedSinceLastWrite.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, Instant> batch = new HashMap<>(usedSinceLastWrite);
    batch.forEach(usedSinceLastWrite::remove);
    return source.recordUse(batch);
  }
}
