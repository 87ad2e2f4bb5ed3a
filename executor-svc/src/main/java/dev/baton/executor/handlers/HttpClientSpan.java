package dev.baton.executor.handlers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The OpenTelemetry HTTP client span of one {@code http} step call, with the semantic-convention
 * attributes analytics groups external dependencies by: {@code server.address}, {@code server.port},
 * {@code http.request.method}, {@code url.full} (without query and user info, which may hold
 * secrets), {@code http.response.status_code}, {@code error.type}.
 */
final class HttpClientSpan {
  private HttpClientSpan() {}

  static Span start(Tracer tracer, HttpCall call) {
    URI uri = call.uri();
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return tracer.spanBuilder(call.method())
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("http.request.method", call.method())
        .setAttribute("server.address", uri.getHost())
        .setAttribute("server.port", port)
        .setAttribute("url.full", uri.getScheme() + "://" + uri.getHost() + ":" + port
            + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()))
        .startSpan();
  }

  /** The request with the current context's {@code traceparent} header (call inside the span's scope). */
  static HttpRequest withTraceContext(HttpRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
    W3CTraceContextPropagator.getInstance().inject(Context.current(), builder, HttpRequest.Builder::setHeader);
    return builder.build();
  }

  /** Ends the span with the response status; 4xx and 5xx are errors of a client call. */
  static void answered(Span span, int status) {
    span.setAttribute("http.response.status_code", status);
    if (status >= 400) {
      span.setAttribute("error.type", Integer.toString(status));
      span.setStatus(StatusCode.ERROR, "HTTP " + status);
    }
    span.end();
  }

  /** Ends the span of a call that got no response. */
  static void failed(Span span, String errorType) {
    span.setAttribute("error.type", errorType);
    span.setStatus(StatusCode.ERROR, errorType);
    span.end();
  }
}
