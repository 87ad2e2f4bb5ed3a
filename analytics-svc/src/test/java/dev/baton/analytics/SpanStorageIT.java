package dev.baton.analytics;

import static dev.baton.analytics.OtlpRequests.attribute;
import static dev.baton.analytics.OtlpRequests.bytes;
import static dev.baton.analytics.OtlpRequests.hex;
import static dev.baton.analytics.OtlpRequests.request;
import static dev.baton.analytics.OtlpRequests.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.Role;
import io.grpc.Channel;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How received spans are stored (analytics-svc/README.md, "Storage"): each once, whatever the
 * retries, the replicas they reach and the partition their end time falls in; the promoted
 * attributes in their columns and only the others in {@code attributes}.
 */
class SpanStorageIT {
  /** Spans of each overlapping request: enough that the requests' inserts run at the same time. */
  private static final int SPANS = 4000;
  private static final int REQUESTS = 6;
  private static AnalyticsFixture fixture;
  private static TestDatabase db;
  private static Analytics first;
  private static Analytics second;
  private static Channel toFirst;
  private static Channel toSecond;

  @BeforeAll
  static void start() {
    fixture = AnalyticsFixture.create();
    db = fixture.database();
    // platform-wide, as Baton's own services export with: the spans' tenants are trusted
    String ingestKey = fixture.apiKey(null, Role.ROLE_INGEST);
    first = replica();
    second = replica();
    toFirst = fixture.channelTo(first, ingestKey);
    toSecond = fixture.channelTo(second, ingestKey);
  }

  private static Analytics replica() {
    return fixture.startReplica(Map.of("BATON_ANALYTICS_ROLLUP_INTERVAL", "1h"));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aSpanRepeatedInOneRequestIsStoredOnce() throws Exception {
    Span span = span(bytes(16, 51), bytes(8, 52)).build();

    TraceServiceGrpc.newBlockingStub(toFirst).export(request("repeating", span, span(bytes(16, 51), bytes(8, 53))
        .build(), span));

    assertThat(db.count("SELECT count(*) FROM analytics.spans WHERE trace_id = '\\x" + hex(bytes(16, 51)) + "'"))
        .isEqualTo(2);
  }

  /**
   * An exporter that times out retries while its first request is still being written, maybe to
   * another replica: both requests succeed (neither deadlocks on the other's rows, whatever their
   * order) and each span is stored once.
   */
  @Test
  void overlappingRequestsWrittenAtOnceByTwoReplicasStoreEachSpanOnce() throws Exception {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < SPANS; i++) {
      spans.add(span(trace(i % 400), spanId(i)).build());
    }
    ExecutorService senders = Executors.newFixedThreadPool(REQUESTS);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int round = 0; round < REQUESTS; round++) {
        List<Span> shuffled = new ArrayList<>(spans);
        Collections.shuffle(shuffled, new java.util.Random(round));
        ExportTraceServiceRequest request = request("overlapping", shuffled);
        Channel channel = round % 2 == 0 ? toFirst : toSecond;
        sent.add(senders.submit(() -> TraceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS).export(request)));
      }
      for (Future<?> done : sent) {
        done.get(60, TimeUnit.SECONDS); // fails the test with the request's error, if any
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(db.count("SELECT count(*) FROM analytics.spans WHERE service = 'overlapping'")).isEqualTo(SPANS);
    assertThat(db.count("SELECT count(DISTINCT (trace_id, span_id)) FROM analytics.spans WHERE service = 'overlapping'"))
        .isEqualTo(SPANS);
  }

  @Test
  void promotedAttributesAreColumnsAndTheOthersStayInAttributesWithThoseNoColumnCanHold() throws Exception {
    Span attempt = span(bytes(16, 61), bytes(8, 62)).clearAttributes()
        .addAttributes(attribute("baton.tenant", "acme")).addAttributes(attribute("baton.workflow", "scoring"))
        .addAttributes(attribute("baton.workflow.version", "v3")) // not a number: no column can hold it
        .addAttributes(attribute("baton.execution_id", "e-61")).addAttributes(attribute("baton.step", "score"))
        .addAttributes(attribute("baton.attempt", 2)).addAttributes(attribute("baton.item", 7))
        .addAttributes(attribute("baton.queue_ms", 40)).addAttributes(attribute("baton.run_ms", "250"))
        .addAttributes(attribute("baton.backoff_ms", 1000)).addAttributes(attribute("baton.outcome", "failed"))
        .addAttributes(attribute("baton.handler", "http"))
        .build();

    TraceServiceGrpc.newBlockingStub(toFirst).export(request("executor-svc", attempt));

    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT tenant, workflow, "
        + "workflow_version, execution_id, step, attempt, item, queue_ms, run_ms, backoff_ms, outcome, "
        + "attributes::text AS attributes FROM analytics.spans WHERE trace_id = '\\x" + hex(bytes(16, 61)) + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("tenant")).isEqualTo("acme");
      assertThat(rs.getString("workflow")).isEqualTo("scoring");
      assertThat(rs.getObject("workflow_version")).isNull();
      assertThat(rs.getString("execution_id")).isEqualTo("e-61");
      assertThat(rs.getString("step")).isEqualTo("score");
      assertThat(rs.getInt("attempt")).isEqualTo(2);
      assertThat(rs.getInt("item")).isEqualTo(7);
      assertThat(rs.getLong("queue_ms")).isEqualTo(40);
      assertThat(rs.getLong("run_ms")).isEqualTo(250);
      assertThat(rs.getLong("backoff_ms")).isEqualTo(1000);
      assertThat(rs.getString("outcome")).isEqualTo("failed");
      assertThat(rs.getString("attributes")).isEqualTo("{\"baton.handler\": \"http\", \"baton.workflow.version\": \"v3\"}");
    }
  }

  /**
   * Spans land in the time partition of their end; one that ended before the oldest partition (a
   * late export) or after the newest (a clock far ahead) is kept in the default partition.
   */
  @Test
  void spansEndingOutsideTheTimePartitionsAreKeptInTheDefaultPartition() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    long day = Duration.ofDays(1).toNanos();
    Span current = span(bytes(16, 71), bytes(8, 1)).build();
    Span late = span(bytes(16, 71), bytes(8, 2)).setStartTimeUnixNano(now - 3 * day).setEndTimeUnixNano(now - 3 * day)
        .build();
    Span ahead = span(bytes(16, 71), bytes(8, 3)).setStartTimeUnixNano(now + 2 * day).setEndTimeUnixNano(now + 2 * day)
        .build();

    TraceServiceGrpc.newBlockingStub(toSecond).export(request("clocks", current, late, ahead));

    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT encode(span_id, 'hex') "
        + "AS span, tableoid::regclass::text AS partition FROM analytics.spans WHERE trace_id = '\\x"
        + hex(bytes(16, 71)) + "' ORDER BY span_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("partition")).matches("analytics\\.spans_\\d{8}_\\d{6}");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("partition")).isEqualTo("analytics.spans_default");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("partition")).isEqualTo("analytics.spans_default");
      assertThat(rs.next()).isFalse();
    }
  }

  private static byte[] trace(int i) {
    return ByteBuffer.allocate(16).putLong(0x7ace).putLong(i + 1).array();
  }

  private static byte[] spanId(int i) {
    return ByteBuffer.allocate(8).putLong(i + 1).array();
  }
}
