package dev.baton.common.telemetry;

import dev.baton.common.config.Env;
import java.util.Map;
import java.util.Objects;

/**
 * The standard OpenTelemetry SDK settings of a service, taken from the {@code OTEL_*} variables of
 * its environment (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME, OTEL_TRACES_EXPORTER=none, OTEL_BSP_*, ...).
 * They are read by the SDK's autoconfigure module, so every variable it documents works here.
 * {@code serviceName} is used when OTEL_SERVICE_NAME is not set.
 */
public record TelemetryConfig(String serviceName, Map<String, String> otelVariables) {

  public TelemetryConfig {
    Objects.requireNonNull(serviceName, "serviceName");
    otelVariables = Map.copyOf(otelVariables);
  }

  public static TelemetryConfig from(Env env, String serviceName) {
    return new TelemetryConfig(serviceName, env.startingWith("OTEL_"));
  }

  /** No exporter: spans are made (handlers still see a valid context) but go nowhere. */
  public static TelemetryConfig disabled(String serviceName) {
    return new TelemetryConfig(serviceName, Map.of("OTEL_TRACES_EXPORTER", "none"));
  }
}
