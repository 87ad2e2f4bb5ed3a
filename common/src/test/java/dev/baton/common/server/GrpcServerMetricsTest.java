package dev.baton.common.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The interceptor alone, on hand-driven calls: what it counts for a close, a cancel and both. */
class GrpcServerMetricsTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final GrpcServerMetrics metrics = new GrpcServerMetrics(provider.get("test"), nanos::get);

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aClosedUnaryCallIsStartedHandledWithItsCodeAndTimedFromStartToClose() {
    RecordingCall call = new RecordingCall(method("baton.v1.WorkflowService/GetExecution",
        MethodDescriptor.MethodType.UNARY));
    metrics.interceptCall(call, new Metadata(), closingWith(Status.NOT_FOUND, 250_000_000L));

    Collection<MetricData> data = reader.collectAllMetrics();
    LongPointData started = onlyLongPoint(data, "grpc.server.started");
    assertThat(started.getValue()).isEqualTo(1);
    assertThat(started.getAttributes().get(GrpcServerMetrics.SERVICE)).isEqualTo("baton.v1.WorkflowService");
    assertThat(started.getAttributes().get(GrpcServerMetrics.METHOD)).isEqualTo("GetExecution");
    assertThat(started.getAttributes().get(GrpcServerMetrics.TYPE)).isEqualTo("unary");
    LongPointData handled = onlyLongPoint(data, "grpc.server.handled");
    assertThat(handled.getValue()).isEqualTo(1);
    assertThat(handled.getAttributes().get(GrpcServerMetrics.CODE)).isEqualTo("NOT_FOUND");
    HistogramPointData handling = onlyHistogramPoint(data, "grpc.server.handling");
    assertThat(handling.getCount()).isEqualTo(1);
    assertThat(handling.getSum()).isEqualTo(0.25);
    assertThat(call.closedWith).isEqualTo(Status.Code.NOT_FOUND); // the close still reaches the transport
  }

  @Test
  void aStreamTheClientCancelsIsHandledOnceAsCancelledEvenIfTheServerClosesItAfterwards() {
    RecordingCall call = new RecordingCall(method("baton.v1.ProgressService/WatchExecution",
        MethodDescriptor.MethodType.SERVER_STREAMING));
    AtomicReference<ServerCall<byte[], byte[]>> seen = new AtomicReference<>();
    ServerCall.Listener<byte[]> listener = metrics.interceptCall(call, new Metadata(), (c, headers) -> {
      seen.set(c);
      return new ServerCall.Listener<>() {};
    });
    nanos.addAndGet(3_000_000_000L);
    listener.onCancel();
    seen.get().close(Status.CANCELLED.withDescription("late close by the service"), new Metadata());

    Collection<MetricData> data = reader.collectAllMetrics();
    LongPointData handled = onlyLongPoint(data, "grpc.server.handled");
    assertThat(handled.getValue()).isEqualTo(1);
    assertThat(handled.getAttributes().get(GrpcServerMetrics.CODE)).isEqualTo("CANCELLED");
    assertThat(handled.getAttributes().get(GrpcServerMetrics.TYPE)).isEqualTo("server_streaming");
    assertThat(onlyHistogramPoint(data, "grpc.server.handling").getSum()).isEqualTo(3.0);
  }

  @Test
  void aStartedCallThatIsStillOpenIsNotHandledYet() {
    metrics.interceptCall(new RecordingCall(method("baton.v1.ProgressService/WatchExecution",
        MethodDescriptor.MethodType.SERVER_STREAMING)), new Metadata(), (c, headers) -> new ServerCall.Listener<>() {});

    Collection<MetricData> data = reader.collectAllMetrics();
    assertThat(onlyLongPoint(data, "grpc.server.started").getValue()).isEqualTo(1);
    assertThat(data).noneMatch(m -> m.getName().equals("grpc.server.handled"));
  }

  private ServerCallHandler<byte[], byte[]> closingWith(Status status, long afterNanos) {
    return (call, headers) -> {
      nanos.addAndGet(afterNanos);
      call.close(status, new Metadata());
      return new ServerCall.Listener<>() {};
    };
  }

  private static LongPointData onlyLongPoint(Collection<MetricData> data, String name) {
    List<LongPointData> points = data.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream()).toList();
    assertThat(points).as(name).hasSize(1);
    return points.get(0);
  }

  private static HistogramPointData onlyHistogramPoint(Collection<MetricData> data, String name) {
    List<HistogramPointData> points = data.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogramData().getPoints().stream()).toList();
    assertThat(points).as(name).hasSize(1);
    return points.get(0);
  }

  private static MethodDescriptor<byte[], byte[]> method(String fullName, MethodDescriptor.MethodType type) {
    MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(byte[] value) {
        return new ByteArrayInputStream(value);
      }

      @Override
      public byte[] parse(InputStream stream) {
        return new byte[0];
      }
    };
    return MethodDescriptor.<byte[], byte[]>newBuilder().setFullMethodName(fullName).setType(type)
        .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
  }

  /** The transport's side of a call: remembers how it was closed. */
  private static final class RecordingCall extends ServerCall<byte[], byte[]> {
    private final MethodDescriptor<byte[], byte[]> method;
    Status.Code closedWith;

    RecordingCall(MethodDescriptor<byte[], byte[]> method) {
      this.method = method;
    }

    @Override
    public void request(int numMessages) {}

    @Override
    public void sendHeaders(Metadata headers) {}

    @Override
    public void sendMessage(byte[] message) {}

    @Override
    public void close(Status status, Metadata trailers) {
      closedWith = status.getCode();
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public Attributes getAttributes() {
      return Attributes.EMPTY;
    }

    @Override
    public MethodDescriptor<byte[], byte[]> getMethodDescriptor() {
      return method;
    }
  }
}
