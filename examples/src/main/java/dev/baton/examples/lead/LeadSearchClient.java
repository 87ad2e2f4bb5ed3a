package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * One call to the lead provider's search API, with every way it can go wrong mapped to a
 * {@link StepFailure} code the workflow's retry and recovery rules can match:
 *
 * <ul>
 *   <li>connection refused/reset, connect timeout, 5xx, other non-2xx: {@code PROVIDER_DOWN}, retryable
 *   <li>no answer within the timeout: {@code PROVIDER_TIMEOUT}, retryable
 *   <li>429: {@code RATE_LIMITED}, retryable
 *   <li>other 4xx: {@code INVALID_LEAD}, permanent (the query itself is wrong)
 *   <li>2xx without a {@code leads} array: {@code PROVIDER_BAD_RESPONSE}, retryable
 * </ul>
 *
 * <p>PROVIDER_DOWN, PROVIDER_TIMEOUT and PROVIDER_BAD_RESPONSE are provider faults: they count
 * towards the provider's circuit breaker (429 and 4xx do not: the provider is up).
 */
final class LeadSearchClient {
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final int MAX_ERROR_BODY = 300;

  private final HttpClient http;

  LeadSearchClient(HttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Returns the provider's {@code leads} array. Blocking. */
  JsonNode search(ProviderSettings settings, JsonNode segment, String idempotencyKey)
      throws StepFailure, InterruptedException {
    ObjectNode query = Json.NODES.objectNode();
    query.set("role", segment.path("role").isTextual() ? segment.get("role") : Json.NODES.nullNode());
    query.set("industry", segment.path("industry").isTextual() ? segment.get("industry") : Json.NODES.nullNode());
    query.set("location", segment.path("location").isTextual() ? segment.get("location") : Json.NODES.nullNode());
    query.put("limit", settings.limit());
    HttpRequest request = HttpRequest.newBuilder(settings.searchUri())
        .timeout(settings.timeout())
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header(IDEMPOTENCY_HEADER, idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(query)))
        .build();
    HttpResponse<String> response = send(request, settings);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return leads(response, settings);
    }
    String detail = settings.searchUri() + " answered " + status + ": " + abbreviate(response.body());
    if (status == 429) {
      throw StepFailure.retryable("RATE_LIMITED", detail);
    }
    if (status >= 400 && status < 500) {
      throw StepFailure.permanent("INVALID_LEAD", detail);
    }
    throw StepFailure.providerFault("PROVIDER_DOWN", detail);
  }

  private HttpResponse<String> send(HttpRequest request, ProviderSettings settings)
      throws StepFailure, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new StepFailure("PROVIDER_DOWN", settings.searchUri() + ": cannot connect: " + e.getMessage(), true, true, e);
    } catch (HttpTimeoutException e) {
      throw new StepFailure("PROVIDER_TIMEOUT", settings.searchUri() + ": no answer within "
          + settings.timeout().toMillis() + "ms", true, true, e);
    } catch (IOException e) {
      throw new StepFailure("PROVIDER_DOWN", settings.searchUri() + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, true, e);
    }
  }

  private static JsonNode leads(HttpResponse<String> response, ProviderSettings settings) throws StepFailure {
    JsonNode leads;
    try {
      leads = Json.parse(response.body()).path("leads");
    } catch (IllegalArgumentException e) {
      leads = Json.NODES.missingNode();
    }
    if (!leads.isArray()) {
      throw StepFailure.providerFault("PROVIDER_BAD_RESPONSE", settings.searchUri()
          + " answered " + response.statusCode() + " without a 'leads' array: " + abbreviate(response.body()));
    }
    return leads;
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_ERROR_BODY ? oneLine : oneLine.substring(0, MAX_ERROR_BODY) + "...";
  }
}
