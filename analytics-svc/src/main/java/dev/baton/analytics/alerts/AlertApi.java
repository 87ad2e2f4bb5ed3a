package dev.baton.analytics.alerts;

import dev.baton.analytics.error.AnalyticsException;
import dev.baton.analytics.error.Statuses;
import dev.baton.common.grpc.FutureReplies;
import dev.baton.common.tenant.Tenants;
import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.DeleteAlertRuleRequest;
import dev.baton.proto.v1.DeleteAlertRuleResponse;
import dev.baton.proto.v1.ListAlertDeliveriesRequest;
import dev.baton.proto.v1.ListAlertDeliveriesResponse;
import dev.baton.proto.v1.ListAlertHistoryRequest;
import dev.baton.proto.v1.ListAlertHistoryResponse;
import dev.baton.proto.v1.ListAlertRulesRequest;
import dev.baton.proto.v1.ListAlertRulesResponse;
import dev.baton.proto.v1.PutAlertRuleRequest;
import dev.baton.proto.v1.WatchAlertsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** gRPC {@code baton.v1.AlertService}: the tenant's alert rules, their history and the watch stream. */
final class AlertApi extends AlertServiceGrpc.AlertServiceImplBase {
  private final Vertx vertx;
  private final AlertRuleStore rules;
  private final AlertHistory history;
  private final AlertDeliveries deliveries;
  private final Duration watchPoll;

  AlertApi(Vertx vertx, AlertRuleStore rules, AlertHistory history, AlertDeliveries deliveries, Duration watchPoll) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.history = Objects.requireNonNull(history, "history");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.watchPoll = Objects.requireNonNull(watchPoll, "watchPoll");
  }

  @Override
  public void putAlertRule(PutAlertRuleRequest request, StreamObserver<AlertRule> observer) {
    String tenant = Tenants.current();
    reply(observer, "putting an alert rule", () -> {
      if (!request.hasRule()) {
        throw AnalyticsException.invalidRequest("rule: required");
      }
      return rules.put(tenant, request.getRule());
    });
  }

  @Override
  public void listAlertRules(ListAlertRulesRequest request, StreamObserver<ListAlertRulesResponse> observer) {
    String tenant = Tenants.current();
    reply(observer, "listing alert rules",
        () -> rules.list(tenant).map(list -> ListAlertRulesResponse.newBuilder().addAllRules(list).build()));
  }

  @Override
  public void deleteAlertRule(DeleteAlertRuleRequest request, StreamObserver<DeleteAlertRuleResponse> observer) {
    String tenant = Tenants.current();
    reply(observer, "deleting an alert rule",
        () -> rules.delete(tenant, request.getName()).map(v -> DeleteAlertRuleResponse.getDefaultInstance()));
  }

  @Override
  public void listAlertHistory(ListAlertHistoryRequest request, StreamObserver<ListAlertHistoryResponse> observer) {
    String tenant = Tenants.current();
    reply(observer, "reading the alert history",
        () -> history.latest(tenant, request.getRule(), pageSize(request.getPageSize()))
            .map(list -> ListAlertHistoryResponse.newBuilder().addAllEvents(list).build()));
  }

  @Override
  public void listAlertDeliveries(ListAlertDeliveriesRequest request,
      StreamObserver<ListAlertDeliveriesResponse> observer) {
    String tenant = Tenants.current();
    reply(observer, "reading the alert deliveries",
        () -> deliveries.latest(tenant, request.getRule(), pageSize(request.getPageSize()))
            .map(list -> ListAlertDeliveriesResponse.newBuilder().addAllDeliveries(list).build()));
  }

  private static int pageSize(int size) {
    if (size < 0 || size > 1000) {
      throw AnalyticsException.invalidRequest("page_size: " + size + " (expected: 1..1000, or 0 for 100)");
    }
    return size == 0 ? 100 : size;
  }

  @Override
  public void watchAlerts(WatchAlertsRequest request, StreamObserver<AlertEvent> observer) {
    if (request.getAfterEventId() < 0) {
      observer.onError(Statuses.exception(AnalyticsException.invalidRequest(
          "after_event_id: " + request.getAfterEventId() + " (expected: >= 0)"), "watching alerts"));
      return;
    }
    AlertWatch.start(vertx, history, watchPoll, Tenants.current(), request.getRule(), request.getAfterEventId(),
        (ServerCallStreamObserver<AlertEvent>) observer);
  }

  /** Runs {@code call} (which may also throw) and answers with its outcome; {@code operation} names it in errors. */
  private static <T> void reply(StreamObserver<T> observer, String operation, Supplier<Future<T>> call) {
    FutureReplies.reply(observer, call, error -> Statuses.exception(error, operation));
  }
}
