package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.time.DurationParser;
import dev.baton.sdk.handler.StepFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where and how lead-enrichment calls the provider.
 *
 * <p>{@code provider} names which provider to call ({@value #PRIMARY} when absent), so that a
 * recovery rule can fall back to another one with {@code config: {provider: backup}}. The URL
 * comes from the step's config {@code providerUrl}, else, for the primary provider, the system
 * property {@code baton.leadProvider.url}, the environment variable {@code BATON_LEAD_PROVIDER_URL},
 * or {@value #DEFAULT_URL}; for a provider named {@code backup}, {@code baton.leadProvider.backup.url}
 * or {@code BATON_LEAD_PROVIDER_BACKUP_URL} (no default: an unconfigured backup is an
 * {@code INVALID_CONFIG} failure, not a silent second call to the primary).
 * {@code timeout} (default 10s) bounds one call; {@code limit} (default 5) caps the leads per segment.
 */
record ProviderSettings(String provider, URI searchUri, Duration timeout, int limit) {
  static final String PRIMARY = "primary";
  static final String DEFAULT_URL = "http://localhost:7240";
  static final String URL_PROPERTY = "baton.leadProvider.url";
  static final String URL_VARIABLE = "BATON_LEAD_PROVIDER_URL";
  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_LIMIT = 5;
  static final String SEARCH_PATH = "/v1/leads/search";

  static ProviderSettings resolve(JsonNode config, UnaryOperator<String> systemProperties,
      UnaryOperator<String> environment) throws StepFailure {
    String provider = provider(config.path("provider"));
    String configured = config.path("providerUrl").isTextual() ? config.path("providerUrl").asText() : null;
    String url = provider.equals(PRIMARY)
        ? firstPresent(configured, systemProperties.apply(URL_PROPERTY), environment.apply(URL_VARIABLE), DEFAULT_URL)
        : firstPresent(configured, systemProperties.apply(urlProperty(provider)), environment.apply(urlVariable(provider)));
    if (url == null) {
      throw StepFailure.permanent("INVALID_CONFIG", "config.provider: '" + provider + "' has no URL (expected: "
          + "config.providerUrl, system property " + urlProperty(provider) + " or environment variable "
          + urlVariable(provider) + ")");
    }
    return new ProviderSettings(provider, searchUri(url), timeout(config.path("timeout")), limit(config.path("limit")));
  }

  /** {@code baton.leadProvider.<name>.url} of a provider other than the primary. */
  static String urlProperty(String provider) {
    return "baton.leadProvider." + provider + ".url";
  }

  /** {@code BATON_LEAD_PROVIDER_<NAME>_URL} of a provider other than the primary. */
  static String urlVariable(String provider) {
    return "BATON_LEAD_PROVIDER_" + provider.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
  }

  private static String provider(JsonNode value) throws StepFailure {
    if (value.isMissingNode() || value.isNull()) {
      return PRIMARY;
    }
    if (!value.isTextual() || !PROVIDER_NAME.matcher(value.asText()).matches()) {
      throw StepFailure.permanent("INVALID_CONFIG", "config.provider: " + value
          + " (expected: a provider name of lower-case letters, digits and '-', e.g. \"primary\" or \"backup\")");
    }
    return value.asText();
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

  /** The first non-blank candidate, trimmed; null when there is none. */
  private static String firstPresent(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.trim();
      }
    }
    return null;
  }
}
