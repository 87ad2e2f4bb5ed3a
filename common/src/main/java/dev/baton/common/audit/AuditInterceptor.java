package dev.baton.common.audit;

import dev.baton.common.auth.Access;
import dev.baton.common.auth.MethodAccess;
import dev.baton.common.auth.Principal;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every audited call ({@link Access#audited}) to the {@link AuditLog} when it ends, with
 * the authenticated actor, what the request named and the status; the answer goes out once the
 * entry is written. Runs inside the authentication interceptor (it needs the principal): calls
 * refused there never reach a handler, change nothing and are counted by the gRPC call metrics.
 */
public final class AuditInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);

  private final AuditLog auditLog;
  private final MethodAccess access;
  private final String service;
  private final Clock clock;

  public AuditInterceptor(AuditLog auditLog, MethodAccess access, String service, Clock clock) {
    this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    this.access = Objects.requireNonNull(access, "access");
    this.service = Objects.requireNonNull(service, "service");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Principal principal = Principal.ofCurrentCall().orElse(null);
    if (principal == null || !access.of(method).map(Access::audited).orElse(false)) {
      return next.startCall(call, headers);
    }
    AtomicReference<Object> request = new AtomicReference<>();
    ServerCall<Q, R> recording = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        Message message = request.get() instanceof Message m ? m : null;
        AuditEntry entry = new AuditEntry(clock.instant(), principal.tenant(), principal.keyId(), principal.keyName(),
            method, AuditTargets.of(message), status.getCode().name(), service);
        auditLog.append(entry).onComplete(ar -> {
          if (ar.failed()) {
            log.warn("{}: the audit entry of {} by key {} could not be written ({}); answering all the same",
                service, method, principal.keyId(), ar.cause().toString());
          }
          delegate().close(status, trailers);
        });
      }
    };
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(recording, headers)) {
      @Override
      public void onMessage(Q message) {
        request.compareAndSet(null, message);
        super.onMessage(message);
      }
    };
  }
}
