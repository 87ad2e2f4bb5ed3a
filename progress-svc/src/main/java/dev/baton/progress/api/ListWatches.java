package dev.baton.progress.api;

import dev.baton.progress.hub.ProgressHub;
import dev.baton.progress.store.ExecutionList;
import dev.baton.progress.store.ExecutionLog;
import dev.baton.proto.v1.ExecutionListUpdate;
import io.grpc.stub.ServerCallStreamObserver;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;

/** Starts WatchExecutions streams ({@link ListWatch}) with what they share. */
public final class ListWatches {
  private final Vertx vertx;
  private final ProgressHub hub;
  private final ExecutionList list;
  private final ExecutionLog log;
  private final Duration coalesceInterval;

  public ListWatches(Vertx vertx, ProgressHub hub, ExecutionList list, ExecutionLog log, Duration coalesceInterval) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.list = Objects.requireNonNull(list, "list");
    this.log = Objects.requireNonNull(log, "log");
    this.coalesceInterval = Objects.requireNonNull(coalesceInterval, "coalesceInterval");
  }

  void start(String tenantId, ListFilter filter, ServerCallStreamObserver<ExecutionListUpdate> call) {
    ListWatch watch = new ListWatch(vertx, hub, list, log, tenantId, filter, call, coalesceInterval);
    watch.context().runOnContext(v -> watch.start());
  }
}
