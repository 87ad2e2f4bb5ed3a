package dev.baton.analytics.receiver;

import dev.baton.analytics.store.SpanRow;
import dev.baton.common.auth.Principal;
import java.util.List;

import dev.baton.analytics.error.Statuses;
import dev.baton.analytics.store.SpanStore;
import dev.baton.common.grpc.FutureReplies;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.Objects;

/**
 * OTLP/gRPC TraceService: stores the spans of every export in PostgreSQL and answers once they are
 * written, so an exporter retries what was not stored (UNAVAILABLE while the database is not
 * available). A malformed request is INVALID_ARGUMENT naming the field (the exporter does not retry
 * it); a request above the server's message size limit (BATON_MAX_MESSAGE_BYTES) is refused with
 * RESOURCE_EXHAUSTED by the gRPC server itself. Statuses come from the service's one mapping,
 * {@link Statuses}.
 */
public final class OtlpTraceReceiver extends TraceServiceGrpc.TraceServiceImplBase {
  /** What the receivers were doing when a request failed (in the status and the log). */
  static final String STORING = "storing spans";

  private final SpanStore store;

  public OtlpTraceReceiver(SpanStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
    export(request, Principal.ofCurrentCall().orElseThrow(() -> new IllegalStateException("unauthenticated call")),
        observer);
  }

  /**
   * Stores the spans as {@code sender}'s: a tenant-bound key's spans are its tenant's whatever they
   * claim; a platform-wide key (Baton's own services, which serve every tenant) is trusted to say.
   */
  void export(ExportTraceServiceRequest request, Principal sender, StreamObserver<ExportTraceServiceResponse> observer) {
    FutureReplies.reply(observer, () -> {
      List<SpanRow> rows = SpanRows.of(request);
      if (!sender.platformWide()) {
        rows = rows.stream().map(row -> row.ofTenant(sender.tenant())).toList();
      }
      return store.insert(rows).map(stored -> ExportTraceServiceResponse.getDefaultInstance());
    }, error -> Statuses.exception(error, STORING));
  }
}
