package dev.baton.common.telemetry;

import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The Prometheus scrape of one service's metrics: the OpenTelemetry SDK's
 * {@link PrometheusMetricReader} collects every instrument of the service's meter provider and the
 * Prometheus text format (0.0.4) writes them out. Observable instruments are read during the
 * collection, so {@link #scrape} may block briefly: call it off event loops.
 */
public final class PrometheusEndpoint {
  private final PrometheusMetricReader reader;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  PrometheusEndpoint(PrometheusMetricReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** The Content-Type header of a scrape response. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Collects the current values and renders them in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, reader.collect());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }
}
