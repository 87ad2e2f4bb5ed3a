package dev.baton.common.server;

import dev.baton.common.telemetry.DurationHistograms;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Counts the calls a gRPC server starts and handles, by service, method, type and status code, and
 * times them from start to close; names and labels follow grpc-ecosystem's go-grpc-prometheus so
 * that existing dashboards work (docs/metrics.md). Labels come from the method descriptors of the
 * registered services only (an unknown method never reaches an interceptor), so they are bounded.
 * A call the client cancels before the server closes it counts as CANCELLED, once.
 */
public final class GrpcServerMetrics implements ServerInterceptor {
  static final AttributeKey<String> SERVICE = AttributeKey.stringKey("grpc_service");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("grpc_method");
  static final AttributeKey<String> TYPE = AttributeKey.stringKey("grpc_type");
  static final AttributeKey<String> CODE = AttributeKey.stringKey("grpc_code");

  private final LongCounter started;
  private final LongCounter handled;
  private final DoubleHistogram handling;
  private final LongSupplier nanoTime;

  public GrpcServerMetrics(Meter meter) {
    this(meter, System::nanoTime);
  }

  GrpcServerMetrics(Meter meter, LongSupplier nanoTime) {
    Objects.requireNonNull(meter, "meter");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    started = meter.counterBuilder("grpc.server.started").setUnit("{call}")
        .setDescription("gRPC calls started on the server").build();
    handled = meter.counterBuilder("grpc.server.handled").setUnit("{call}")
        .setDescription("gRPC calls completed on the server, by status code").build();
    handling = DurationHistograms.seconds(meter, "grpc.server.handling",
        "Time from a gRPC call's start to its close on the server (the whole stream for streaming calls)");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
      ServerCallHandler<ReqT, RespT> next) {
    MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
    Attributes attributes = Attributes.of(SERVICE, method.getServiceName(), METHOD, method.getBareMethodName(),
        TYPE, method.getType().name().toLowerCase(Locale.ROOT));
    started.add(1, attributes);
    Completion completion = new Completion(attributes, nanoTime.getAsLong());
    ServerCall<ReqT, RespT> observed = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        completion.end(status.getCode());
        super.close(status, trailers);
      }
    };
    return new SimpleForwardingServerCallListener<>(next.startCall(observed, headers)) {
      @Override
      public void onCancel() {
        completion.end(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  /** The end of one call; recorded once, by whichever of close and cancel comes first. */
  private final class Completion {
    private final Attributes attributes;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();

    Completion(Attributes attributes, long startNanos) {
      this.attributes = attributes;
      this.startNanos = startNanos;
    }

    void end(Status.Code code) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Attributes withCode = attributes.toBuilder().put(CODE, code.name()).build();
      handled.add(1, withCode);
      handling.record((nanoTime.getAsLong() - startNanos) / 1e9, withCode);
    }
  }
}
