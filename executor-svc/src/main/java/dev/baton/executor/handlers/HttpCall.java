package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.common.time.DurationParser;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The request an {@code http} step asks for, validated; every problem is an INVALID_INPUT naming the field. */
record HttpCall(String method, URI uri, HttpRequest request, Duration timeout) {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static HttpCall from(StepFields fields, String idempotencyKey) throws StepFailure {
    String method = fields.text("method", "GET").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "method: '" + method + "' (expected: one of "
          + String.join(", ", METHODS.stream().sorted().toList()) + ")");
    }
    String url = fields.text("url", null);
    if (url == null || url.isBlank()) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "url: missing (expected: an http or https URL)");
    }
    URI uri = uri(url, fields.get("query"));
    Duration timeout = timeout(fields.text("timeout", null));

    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
    JsonNode headers = fields.get("headers");
    boolean hasContentType = false;
    if (headers != null) {
      if (!headers.isObject()) {
        throw StepFields.invalid("headers", headers, "an object of header names to values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        String value = header.getValue().isTextual() ? header.getValue().asText() : header.getValue().toString();
        try {
          builder.header(header.getKey(), value);
        } catch (IllegalArgumentException e) {
          throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "headers." + header.getKey() + ": " + e.getMessage());
        }
        hasContentType |= header.getKey().equalsIgnoreCase("content-type");
      }
    }
    if (idempotencyKey != null && !idempotencyKey.isEmpty()) {
      builder.setHeader("Idempotency-Key", idempotencyKey);
    }
    JsonNode body = fields.get("body");
    BodyPublisher publisher = BodyPublishers.noBody();
    if (body != null) {
      publisher = BodyPublishers.ofString(body.isTextual() ? body.asText() : Json.write(body));
      if (!hasContentType) {
        builder.header("Content-Type", body.isTextual() ? "text/plain; charset=utf-8" : "application/json");
      }
    }
    return new HttpCall(method, uri, builder.method(method, publisher).build(), timeout);
  }

  private static URI uri(String url, JsonNode query) throws StepFailure {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "url: '" + url + "' (" + e.getMessage() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "url: '" + url + "' (expected: an http or https URL)");
    }
    if (query == null) {
      return uri;
    }
    if (!query.isObject()) {
      throw StepFields.invalid("query", query, "an object of parameter names to values");
    }
    StringBuilder extra = new StringBuilder();
    query.fields().forEachRemaining(param -> {
      Iterable<JsonNode> values = param.getValue().isArray() ? param.getValue() : java.util.List.of(param.getValue());
      for (JsonNode value : values) {
        extra.append(extra.length() == 0 ? "" : "&")
            .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(value.isTextual() ? value.asText() : value.toString(), StandardCharsets.UTF_8));
      }
    });
    if (extra.length() == 0) {
      return uri;
    }
    String base = uri.toString();
    int fragment = base.indexOf('#');
    String beforeFragment = fragment < 0 ? base : base.substring(0, fragment);
    String separator = uri.getRawQuery() == null ? "?" : "&";
    return URI.create(beforeFragment + separator + extra + (fragment < 0 ? "" : base.substring(fragment)));
  }

  private static Duration timeout(String text) throws StepFailure {
    if (text == null) {
      return DEFAULT_TIMEOUT;
    }
    try {
      Duration timeout = DurationParser.parse(text);
      if (timeout.isZero()) {
        throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "timeout: '" + text + "' (expected: > 0)");
      }
      return timeout;
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), "timeout: " + e.getMessage());
    }
  }

  /** "GET http://host/path", for messages. */
  String describe() {
    return method + " " + uri;
  }
}
