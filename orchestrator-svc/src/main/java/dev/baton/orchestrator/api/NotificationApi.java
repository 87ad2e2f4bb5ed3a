package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.orchestrator.notify.NotificationChannels;
import dev.baton.orchestrator.notify.NotificationDeliveries;
import dev.baton.proto.v1.DeleteNotificationChannelRequest;
import dev.baton.proto.v1.DeleteNotificationChannelResponse;
import dev.baton.proto.v1.ListNotificationChannelsRequest;
import dev.baton.proto.v1.ListNotificationChannelsResponse;
import dev.baton.proto.v1.ListNotificationDeliveriesRequest;
import dev.baton.proto.v1.ListNotificationDeliveriesResponse;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.NotificationServiceGrpc;
import dev.baton.proto.v1.SetNotificationChannelRequest;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/** gRPC {@code baton.v1.NotificationService}: webhook channels and the delivery log of the tenant. */
public final class NotificationApi extends NotificationServiceGrpc.NotificationServiceImplBase {
  private final NotificationChannels channels;
  private final NotificationDeliveries deliveries;

  public NotificationApi(NotificationChannels channels, NotificationDeliveries deliveries) {
    this.channels = Objects.requireNonNull(channels, "channels");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
  }

  @Override
  public void setNotificationChannel(SetNotificationChannelRequest request, StreamObserver<NotificationChannel> observer) {
    Replies.forTenant(observer, tenant -> {
      if (!request.hasChannel()) {
        throw OrchestratorException.invalid("channel: required");
      }
      return channels.set(tenant, request.getChannel());
    });
  }

  @Override
  public void listNotificationChannels(ListNotificationChannelsRequest request,
      StreamObserver<ListNotificationChannelsResponse> observer) {
    Replies.forTenant(observer, tenant -> channels.list(tenant)
        .map(list -> ListNotificationChannelsResponse.newBuilder().addAllChannels(list).build()));
  }

  @Override
  public void deleteNotificationChannel(DeleteNotificationChannelRequest request,
      StreamObserver<DeleteNotificationChannelResponse> observer) {
    Replies.forTenant(observer, tenant -> channels.delete(tenant, request.getName())
        .map(v -> DeleteNotificationChannelResponse.getDefaultInstance()));
  }

  @Override
  public void listNotificationDeliveries(ListNotificationDeliveriesRequest request,
      StreamObserver<ListNotificationDeliveriesResponse> observer) {
    Replies.forTenant(observer, tenant -> {
      int size = request.getPageSize();
      if (size < 0 || size > 1000) {
        throw OrchestratorException.invalid("page_size: " + size + " (expected: 1..1000, or 0 for 100)");
      }
      return deliveries.list(tenant, request.getChannel(), size == 0 ? 100 : size)
          .map(list -> ListNotificationDeliveriesResponse.newBuilder().addAllDeliveries(list).build());
    });
  }
}
