package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.time.DurationParser;
import dev.baton.sdk.handler.StepFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Where and how lead-enrichment calls the provider. The URL comes from the step's config
 * {@code providerUrl}, else the system property {@code baton.leadProvider.url}, else the
 * environment variable {@code BATON_LEAD_PROVIDER_URL}, else {@value #DEFAULT_URL}.
 * {@code timeout} (default 10s) bounds one call; {@code limit} (default 5) caps the leads per segment.
 */
record ProviderSettings(URI searchUri, Duration timeout, int limit) {
  static final String DEFAULT_URL = "http://localhost:7240";
  static final String URL_PROPERTY = "baton.leadProvider.url";
  static final String URL_VARIABLE = "BATON_LEAD_PROVIDER_URL";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_LIMIT = 5;
  static final String SEARCH_PATH = "/v1/leads/search";

  static ProviderSettings resolve(JsonNode config, UnaryOperator<String> systemProperties,
      UnaryOperator<String> environment) throws StepFailure {
    String url = firstPresent(
        config.path("providerUrl").isTextual() ? config.path("providerUrl").asText() : null,
        systemProperties.apply(URL_PROPERTY),
        environment.apply(URL_VARIABLE),
        DEFAULT_URL);
    return new ProviderSettings(searchUri(url), timeout(config.path("timeout")), limit(config.path("limit")));
  }

  private static URI searchUri(String baseUrl) throws StepFailure {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      URI uri = new URI(base + SEARCH_PATH);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new URISyntaxException(baseUrl, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw StepFailure.permanent("INVALID_CONFIG", "config.providerUrl: '" + baseUrl
          + "' (expected: an http(s) URL like " + DEFAULT_URL + "): " + e.getReason());
    }
  }

  private static Duration timeout(JsonNode value) throws StepFailure {
    if (value.isMissingNode() || value.isNull()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      Duration timeout = DurationParser.parse(value.asText());
      if (timeout.isZero()) {
        throw new IllegalArgumentException("'" + value.asText() + "' (expected: > 0)");
      }
      return timeout;
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent("INVALID_CONFIG", "config.timeout: " + e.getMessage());
    }
  }

  private static int limit(JsonNode value) throws StepFailure {
    if (value.isMissingNode() || value.isNull()) {
      return DEFAULT_LIMIT;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 100) {
      throw StepFailure.permanent("INVALID_CONFIG", "config.limit: " + value + " (expected: an integer 1..100)");
    }
    return value.asInt();
  }

  private static String firstPresent(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.trim();
      }
    }
    throw new IllegalStateException("the last candidate is a constant");
  }
}
