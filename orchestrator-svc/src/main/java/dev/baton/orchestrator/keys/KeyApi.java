package dev.baton.orchestrator.keys;

import dev.baton.common.auth.IssuedKey;
import dev.baton.common.auth.KeyStore;
import dev.baton.common.auth.KeyStore.Rotation;
import dev.baton.common.auth.LiveKeyRing;
import dev.baton.common.auth.Principal;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.ListApiKeysRequest;
import dev.baton.proto.v1.ListApiKeysResponse;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.RotateApiKeyRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * gRPC {@code baton.v1.KeyService}. The caller's tenant scopes every statement (a platform admin:
 * none), so another tenant's key is NOT_FOUND like a missing one. After a change this replica
 * reloads its key ring at once; the others within their refresh interval.
 */
public final class KeyApi extends KeyServiceGrpc.KeyServiceImplBase {
  private final KeyStore store;
  private final LiveKeyRing ring;
  private final Clock clock;
  private final Function<Throwable, StatusRuntimeException> toStatus;

  public KeyApi(KeyStore store, LiveKeyRing ring, Clock clock, Function<Throwable, StatusRuntimeException> toStatus) {
    this.store = Objects.requireNonNull(store, "store");
    this.ring = Objects.requireNonNull(ring, "ring");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.toStatus = Objects.requireNonNull(toStatus, "toStatus");
  }

  @Override
  public void createApiKey(CreateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> observer) {
    reply(observer, caller -> {
      String tenant = KeyRequests.tenantOfNewKey(caller, request);
      java.time.Duration lifetime = KeyRequests.lifetime(request);
      Instant expires = lifetime == null ? null : clock.instant().plus(lifetime);
      return store.create(tenant, request.getRole(), request.getName(), expires, caller.keyId())
          .compose(this::visibleHere).map(KeyApi::response);
    });
  }

  @Override
  public void listApiKeys(ListApiKeysRequest request, StreamObserver<ListApiKeysResponse> observer) {
    reply(observer, caller -> {
      String tenant = request.getTenant();
      if (!caller.platformAdmin()) {
        if (!tenant.isEmpty() && !tenant.equals(caller.tenant())) {
          throw OrchestratorException.invalid("tenant: '" + tenant + "' (expected: empty or your own tenant)");
        }
        tenant = caller.tenant();
      }
      return store.list(tenant.isEmpty() ? null : tenant, request.getIncludeRevoked())
          .map(keys -> ListApiKeysResponse.newBuilder().addAllKeys(keys).build());
    });
  }

  @Override
  public void rotateApiKey(RotateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> observer) {
    reply(observer, caller -> {
      String id = KeyRequests.id(request.getId());
      java.time.Duration grace = KeyRequests.grace(request.hasGrace(), request.getGrace());
      return store.rotate(id, scope(caller), clock.instant().plus(grace)).compose(rotation -> {
        if (rotation instanceof Rotation.Rotated rotated) {
          return visibleHere(rotated.issued()).map(KeyApi::response);
        }
        if (rotation instanceof Rotation.Revoked) {
          throw OrchestratorException.precondition("id: API key " + id + " is revoked (create a new key)");
        }
        throw notFound(id);
      });
    });
  }

  @Override
  public void revokeApiKey(RevokeApiKeyRequest request, StreamObserver<ApiKey> observer) {
    reply(observer, caller -> {
      String id = KeyRequests.id(request.getId());
      return store.revoke(id, scope(caller), clock.instant())
          .map(found -> found.orElseThrow(() -> notFound(id)))
          .compose(key -> ring.reloadIfChanged().map(key));
    });
  }

  /** The tenant a caller's key statements are confined to; null for a platform admin. */
  private static String scope(Principal caller) {
    return caller.platformAdmin() ? null : caller.tenant();
  }

  private Future<IssuedKey> visibleHere(IssuedKey issued) {
    return ring.reloadIfChanged().map(issued);
  }

  private static CreateApiKeyResponse response(IssuedKey issued) {
    return CreateApiKeyResponse.newBuilder().setKey(issued.key()).setSecret(issued.secret().text()).build();
  }

  private static OrchestratorException notFound(String id) {
    return OrchestratorException.notFound("id: no API key " + id);
  }

  /** The principal is read on the calling thread: the gRPC context is gone once a future completes. */
  private <T> void reply(StreamObserver<T> observer, Function<Principal, Future<T>> call) {
    Principal caller = Principal.ofCurrentCall().orElseThrow(() -> new IllegalStateException("unauthenticated call"));
    dev.baton.common.grpc.FutureReplies.reply(observer, () -> call.apply(caller), toStatus);
  }
}
