package dev.baton.analytics.alerts;

import com.google.protobuf.Duration;
import dev.baton.analytics.error.AnalyticsException;
import dev.baton.common.webhook.WebhookSigner;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Checks a rule a client puts and fills in the defaults (the one place they are decided), so that
 * what is stored is complete. Errors name the field, e.g. {@code rule.threshold: 140 (expected: 0..100)}.
 */
final class RuleValidation {
  static final double DEFAULT_SUCCESS_RATE = 90;
  static final double DEFAULT_DURATION_INCREASE = 50;
  static final double DEFAULT_ERROR_RATE = 10;
  static final double DEFAULT_DEPENDENCY_FAILURE_RATE = 50;
  static final Duration DEFAULT_WINDOW = Duration.newBuilder().setSeconds(300).build();
  static final int DEFAULT_MIN_SAMPLES = 20;
  static final int DEFAULT_EVALUATIONS = 3;
  static final double DEFAULT_RECOVERY_MARGIN = 5;
  static final int DEFAULT_BASELINE_WINDOWS = 12;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final long MAX_WINDOW_SECONDS = 86_400;

  private RuleValidation() {}

  /**
   * The rule with defaults filled in and output fields cleared; throws an {@link AnalyticsException}
   * (INVALID_REQUEST) naming the field.
   */
  static AlertRule normalized(AlertRule in) {
    AlertRule.Builder r = AlertRule.newBuilder()
        .setName(in.getName()).setKind(in.getKind()).setWorkflow(in.getWorkflow())
        .setServerAddress(in.getServerAddress()).setWebhookUrl(in.getWebhookUrl())
        .setWebhookSecret(in.getWebhookSecret());
    if (!NAME.matcher(in.getName()).matches()) {
      throw invalid("name", "'" + in.getName() + "'", "lower-case letters, digits and '-', at most 63");
    }
    if (in.getKind() == AlertKind.ALERT_KIND_UNSPECIFIED || in.getKind() == AlertKind.UNRECOGNIZED) {
      throw invalid("kind", in.getKindValue() + "", "SUCCESS_RATE, DURATION_ABOVE_BASELINE, ERROR_RATE or "
          + "DEPENDENCY_FAILURE_RATE");
    }
    boolean dependency = in.getKind() == AlertKind.ALERT_KIND_DEPENDENCY_FAILURE_RATE;
    if (!dependency && in.getWorkflow().isEmpty()) {
      throw invalid("workflow", "empty", "a workflow name for " + in.getKind());
    }
    if (dependency && in.getServerAddress().isBlank()) {
      throw invalid("server_address", "empty", "the host of the external API, e.g. api.example.com");
    }
    if (!dependency && !in.getServerAddress().isEmpty()) {
      throw invalid("server_address", "'" + in.getServerAddress() + "'", "empty except for DEPENDENCY_FAILURE_RATE");
    }
    double maxThreshold = in.getKind() == AlertKind.ALERT_KIND_DURATION_ABOVE_BASELINE ? 10_000 : 100;
    if (!(in.getThreshold() >= 0 && in.getThreshold() <= maxThreshold)) {
      throw invalid("threshold", number(in.getThreshold()), "0.." + number(maxThreshold) + ", 0 for the default");
    }
    r.setThreshold(in.getThreshold() != 0 ? in.getThreshold() : switch (in.getKind()) {
      case ALERT_KIND_SUCCESS_RATE -> DEFAULT_SUCCESS_RATE;
      case ALERT_KIND_DURATION_ABOVE_BASELINE -> DEFAULT_DURATION_INCREASE;
      case ALERT_KIND_ERROR_RATE -> DEFAULT_ERROR_RATE;
      default -> DEFAULT_DEPENDENCY_FAILURE_RATE;
    });
    if (in.hasWindow()) {
      Duration w = in.getWindow();
      if (w.getSeconds() < 1 || w.getSeconds() > MAX_WINDOW_SECONDS || w.getNanos() < 0
          || (w.getSeconds() == MAX_WINDOW_SECONDS && w.getNanos() > 0)) {
        throw invalid("window", w.getSeconds() + "s " + w.getNanos() + "ns", "1s..24h");
      }
      r.setWindow(w);
    } else {
      r.setWindow(DEFAULT_WINDOW);
    }
    r.setMinSamples(count("min_samples", in.getMinSamples(), DEFAULT_MIN_SAMPLES, 1_000_000));
    r.setForEvaluations(count("for_evaluations", in.getForEvaluations(), DEFAULT_EVALUATIONS, 1000));
    r.setRecoverEvaluations(count("recover_evaluations", in.getRecoverEvaluations(), DEFAULT_EVALUATIONS, 1000));
    double margin = in.getRecoveryMargin();
    if (!(margin <= 100) || Double.isNaN(margin)) {
      throw invalid("recovery_margin", number(margin), "at most 100 percentage points, 0 for the default, "
          + "negative for none");
    }
    r.setRecoveryMargin(margin == 0 ? DEFAULT_RECOVERY_MARGIN : Math.max(0, margin));
    r.setBaselineWindows(count("baseline_windows", in.getBaselineWindows(), DEFAULT_BASELINE_WINDOWS, 1000));
    if (in.getConsecutiveFailures() < 0 || in.getConsecutiveFailures() > 1000) {
      throw invalid("consecutive_failures", in.getConsecutiveFailures() + "", "0..1000, 0 for off");
    }
    if (!dependency && in.getConsecutiveFailures() != 0) {
      throw invalid("consecutive_failures", in.getConsecutiveFailures() + "", "0 except for DEPENDENCY_FAILURE_RATE");
    }
    r.setConsecutiveFailures(in.getConsecutiveFailures());
    checkWebhook(in);
    return r.build();
  }

  private static void checkWebhook(AlertRule in) {
    if (in.getWebhookUrl().isEmpty()) {
      if (!in.getWebhookSecret().isEmpty()) {
        throw invalid("webhook_secret", "set", "empty without a webhook_url");
      }
      return;
    }
    try {
      URI uri = new URI(in.getWebhookUrl());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw invalid("webhook_url", "'" + in.getWebhookUrl() + "'", "an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw invalid("webhook_url", "'" + in.getWebhookUrl() + "'", "an absolute http(s) URL");
    }
    if (in.getWebhookSecret().length() < WebhookSigner.MIN_SECRET_LENGTH) {
      throw invalid("webhook_secret", in.getWebhookSecret().length() + " characters",
          "at least " + WebhookSigner.MIN_SECRET_LENGTH);
    }
  }

  private static int count(String field, int value, int defaultValue, int max) {
    if (value < 0 || value > max) {
      throw invalid(field, value + "", "1.." + max + ", 0 for " + defaultValue);
    }
    return value == 0 ? defaultValue : value;
  }

  private static String number(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static AnalyticsException invalid(String field, String got, String expected) {
    return AnalyticsException.invalidRequest("rule." + field + ": " + got + " (expected: " + expected + ")");
  }
}
