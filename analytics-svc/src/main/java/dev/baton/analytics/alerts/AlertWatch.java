package dev.baton.analytics.alerts;

import dev.baton.analytics.error.Statuses;
import dev.baton.proto.v1.AlertEvent;
import io.grpc.stub.ServerCallStreamObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WatchAlerts stream: reads the history after its cursor every BATON_ALERT_WATCH_POLL_INTERVAL
 * and sends what is new. Polling the table (rather than LISTEN/NOTIFY) makes resuming and catching up
 * the same code path, and history ids become visible in order ({@link AlertEvaluator}), so a cursor
 * never skips an event.
 */
final class AlertWatch {
  private static final Logger log = LoggerFactory.getLogger(AlertWatch.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final AlertHistory history;
  private final Duration poll;
  private final String tenant;
  private final String rule;
  private final ServerCallStreamObserver<AlertEvent> observer;
  private final AtomicLong cursor = new AtomicLong();
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private AlertWatch(Vertx vertx, AlertHistory history, Duration poll, String tenant, String rule,
      ServerCallStreamObserver<AlertEvent> observer) {
    this.vertx = vertx;
    this.history = history;
    this.poll = poll;
    this.tenant = tenant;
    this.rule = rule;
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Starts sending; {@code after} 0 means from the newest event on. Call it from the rpc method itself. */
  static void start(Vertx vertx, AlertHistory history, Duration poll, String tenant, String rule, long after,
      ServerCallStreamObserver<AlertEvent> observer) {
    AlertWatch watch = new AlertWatch(vertx, history, poll, tenant, rule, observer);
    // grpc-java accepts a cancel handler only before the rpc method returns
    observer.setOnCancelHandler(() -> watch.cancelled.set(true));
    Future<Long> from = after > 0 ? Future.succeededFuture(after) : history.lastId();
    from.onComplete(ar -> {
      if (ar.failed()) {
        observer.onError(Statuses.exception(ar.cause(), "reading the alert history"));
        return;
      }
      watch.cursor.set(ar.result());
      watch.read();
    });
  }

  private void read() {
    if (cancelled.get()) {
      return;
    }
    history.after(tenant, rule, cursor.get(), BATCH).onComplete(ar -> {
      if (cancelled.get()) {
        return;
      }
      if (ar.failed()) {
        log.warn("a WatchAlerts stream could not read the history ({}); trying again in {} ms", ar.cause().toString(),
            poll.toMillis());
      } else {
        send(ar.result());
      }
      vertx.setTimer(poll.toMillis(), id -> read());
    });
  }

  private void send(List<AlertEvent> events) {
    for (AlertEvent e : events) {
      observer.onNext(e);
      cursor.set(e.getId());
    }
  }
}
