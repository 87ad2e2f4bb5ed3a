package dev.baton.analytics.receiver;

import dev.baton.analytics.store.SpanStore;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/gRPC TraceService: stores the spans of every export in PostgreSQL and answers once they are
 * written, so an exporter retries what was not stored. A malformed request is INVALID_ARGUMENT
 * naming the field (the exporter does not retry it); a request above the server's message size
 * limit (BATON_MAX_MESSAGE_BYTES) is refused with RESOURCE_EXHAUSTED by the gRPC server itself.
 */
public final class OtlpTraceReceiver extends TraceServiceGrpc.TraceServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(OtlpTraceReceiver.class);

  private final SpanStore store;

  public OtlpTraceReceiver(SpanStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
    List<dev.baton.analytics.store.SpanRow> rows;
    try {
      rows = SpanRows.of(request);
    } catch (MalformedSpanException e) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    store.insert(rows).onComplete(done -> {
      if (done.succeeded()) {
        observer.onNext(ExportTraceServiceResponse.getDefaultInstance());
        observer.onCompleted();
      } else {
        log.warn("could not store {} spans ({}); answering UNAVAILABLE so that the exporter retries",
            rows.size(), done.cause().toString());
        observer.onError(Status.UNAVAILABLE.withDescription("spans could not be stored: " + done.cause().getMessage())
            .asRuntimeException());
      }
    });
  }
}
