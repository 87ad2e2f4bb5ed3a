package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code http}: calls an HTTP endpoint. Input (or config): {@code method} (GET), {@code url},
 * {@code headers}, {@code query}, {@code body} (JSON value or string), {@code timeout} (10s). Sends
 * {@code Idempotency-Key} so the called service can drop redeliveries. Output: {@code status},
 * {@code headers} (first value per lower-case name), {@code body} (parsed when JSON).
 *
 * <p>Failures: HTTP_CONNECTION / HTTP_TIMEOUT and HTTP_5xx / HTTP_429 are retryable, other
 * non-2xx statuses (HTTP_404 ...) and bad input (INVALID_INPUT) are not. Connection failures,
 * timeouts and 5xx are provider faults: with {@code config.provider} set, they count towards that
 * provider's circuit breaker.
 *
 * <p>Each call is a CLIENT span ({@link HttpClientSpan}) under the attempt's run span, and the
 * request carries its W3C {@code traceparent}, so a traced service called joins the execution's trace.
 */
public final class HttpHandler implements StepHandler {
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final HttpClient client;

  public HttpHandler() {
    this(HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build());
  }

  public HttpHandler(HttpClient client) {
    this.client = java.util.Objects.requireNonNull(client, "client");
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public JsonNode handle(StepContext context) throws StepFailure, InterruptedException {
    HttpCall call = HttpCall.from(new StepFields(context), context.idempotencyKey());
    Span span = HttpClientSpan.start(context.tracer(), call);
    HttpResponse<String> response;
    try (Scope ignored = span.makeCurrent()) {
      response = client.send(HttpClientSpan.withTraceContext(call.request()), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      HttpClientSpan.failed(span, "timeout");
      throw StepFailure.providerFault(BuiltinCode.HTTP_TIMEOUT.name(), call.describe() + ": no response within "
          + dev.baton.common.time.DurationParser.format(call.timeout()));
    } catch (IOException e) {
      HttpClientSpan.failed(span, e.getClass().getName());
      String reason = hasCause(e, ConnectException.class) ? "connection refused or unreachable" : e.toString();
      throw StepFailure.providerFault(BuiltinCode.HTTP_CONNECTION.name(), call.describe() + ": " + reason);
    } catch (InterruptedException | RuntimeException e) {
      HttpClientSpan.failed(span, e.getClass().getName());
      throw e;
    }
    int status = response.statusCode();
    HttpClientSpan.answered(span, status);
    if (status < 200 || status > 299) {
      boolean retryable = status >= 500 || status == 429;
      String body = response.body() == null ? "" : response.body();
      throw new StepFailure("HTTP_" + status, call.describe() + " answered " + status
          + (body.isBlank() ? "" : ": " + abbreviate(body)), retryable, status >= 500, null);
    }
    return output(response);
  }

  private static JsonNode output(HttpResponse<String> response) {
    ObjectNode output = Json.NODES.objectNode();
    output.put("status", response.statusCode());
    ObjectNode headers = output.putObject("headers");
    response.headers().map().forEach((name, values) -> {
      if (!name.startsWith(":") && !values.isEmpty()) {
        headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
      }
    });
    output.set("body", body(response));
    return output;
  }

  private static JsonNode body(HttpResponse<String> response) {
    String text = response.body();
    if (text == null || text.isEmpty()) {
      return Json.NODES.nullNode();
    }
    String contentType = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (contentType.contains("json")) {
      try {
        return Json.parse(text);
      } catch (IllegalArgumentException e) {
        // Declared JSON but is not: hand the text over rather than failing a call that succeeded.
      }
    }
    return Json.NODES.textNode(text);
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
