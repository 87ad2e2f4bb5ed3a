package dev.baton.common.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK of one service: traces exported with OTLP through a BatchSpanProcessor,
 * configured by the standard variables ({@link TelemetryConfig}). Not registered as the global
 * instance: the dev launcher runs several services in one JVM, each with its own service name.
 * {@link #close} flushes what is buffered; call it when the service stops.
 */
public final class Telemetry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);
  private static final String SCOPE = "dev.baton";

  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;
  private volatile boolean closed;

  private Telemetry(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.tracer = sdk.getTracer(SCOPE);
  }

  public static Telemetry start(TelemetryConfig config) {
    Objects.requireNonNull(config, "config");
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", config.serviceName());
    // analytics-svc receives OTLP/gRPC; metrics and logs go through other channels for now
    defaults.put("otel.exporter.otlp.protocol", "grpc");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    Map<String, String> fromEnv = properties(config.otelVariables());
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .disableShutdownHook()
        .addPropertiesSupplier(() -> defaults)
        // the service's own environment map wins over the process's (the dev launcher passes one per service)
        .addPropertiesCustomizer(properties -> fromEnv)
        .addTracerProviderCustomizer((builder, properties) -> builder.setIdGenerator(ChosenIds.INSTANCE))
        .build()
        .getOpenTelemetrySdk();
    return new Telemetry(sdk);
  }

  /** OTEL_EXPORTER_OTLP_ENDPOINT -> otel.exporter.otlp.endpoint, as the SDK documents the mapping. */
  static Map<String, String> properties(Map<String, String> variables) {
    Map<String, String> out = new HashMap<>();
    variables.forEach((name, value) -> out.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
    return out;
  }

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  public Tracer tracer() {
    return tracer;
  }

  /**
   * Starts the span of {@code builder} with a chosen span id (and trace id, when it has no parent);
   * see {@link TraceParent} for where such ids come from.
   */
  public static Span startWithIds(SpanBuilder builder, String traceId, String spanId) {
    return ChosenIds.starting(traceId, spanId, builder::startSpan);
  }

  /**
   * Flushes buffered spans and stops exporting. Idempotent. Waits at most 5 s: with no collector
   * reachable the exporter keeps retrying, and a stopping service should not wait on that.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!sdk.shutdown().join(5, TimeUnit.SECONDS).isSuccess()) {
      log.warn("OpenTelemetry did not flush its spans within 5s (is the OTLP endpoint reachable?); "
          + "the spans still buffered are lost");
    }
  }
}
