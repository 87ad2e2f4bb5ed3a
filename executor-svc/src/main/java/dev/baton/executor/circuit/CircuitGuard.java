package dev.baton.executor.circuit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.executor.run.AttemptGuard;
import dev.baton.proto.internal.v1.Task;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepFailure;
import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every attempt whose step names a {@code provider} behind that provider's breaker; attempts
 * of steps without one run unguarded. When Redis cannot be asked, the call goes through (logged):
 * a breaker protects providers from load, it must not stop work on its own.
 */
public final class CircuitGuard implements AttemptGuard {
  private static final Logger log = LoggerFactory.getLogger(CircuitGuard.class);
  private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_ERROR = 300;

  private final CircuitBreakers breakers;
  private final CircuitSettings defaults;
  private final Clock clock;
  private final CircuitMetrics metrics;

  public CircuitGuard(CircuitBreakers breakers, CircuitSettings defaults, Clock clock, CircuitMetrics metrics) {
    this.breakers = Objects.requireNonNull(breakers, "breakers");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public JsonNode call(Task task, JsonNode config, BooleanSupplier cancelled, HandlerCall handler) throws Exception {
    Optional<String> provider = provider(config);
    if (provider.isEmpty()) {
      return handler.run();
    }
    CircuitSettings settings;
    try {
      settings = defaults.overriddenBy(config.path("circuit"));
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent(BuiltinCode.INVALID_CONFIG.name(), e.getMessage());
    }
    String tenant = task.getTenantId();
    Admission admission = admit(tenant, provider.get(), settings); // null: Redis could not be asked
    if (admission != null && !admission.admitted()) {
      metrics.rejected(provider.get());
      throw new StepFailure(BuiltinCode.CIRCUIT_OPEN.name(), "the circuit breaker of provider '" + provider.get()
          + "' is open (" + settings + "): not calling it before " + admission.until(), false);
    }
    CallOutcome outcome = CallOutcome.NEUTRAL;
    String error = "";
    try {
      JsonNode output = handler.run();
      outcome = cancelled.getAsBoolean() ? CallOutcome.NEUTRAL : CallOutcome.SUCCESS;
      return output;
    } catch (StepFailure failure) {
      if (failure.providerFault() && !cancelled.getAsBoolean()) {
        outcome = CallOutcome.FAILURE;
        error = abbreviate(failure.code() + ": " + failure.getMessage());
      }
      throw failure;
    } finally {
      if (admission != null) {
        record(task, provider.get(), settings, admission, outcome, error);
      }
    }
  }

  private Admission admit(String tenant, String provider, CircuitSettings settings) {
    try {
      return breakers.admit(tenant, provider, settings, clock.instant());
    } catch (RedisException e) {
      log.warn("circuit breaker of provider '{}' (tenant {}) cannot be read ({}); calling the provider "
          + "unguarded. Check BATON_REDIS_URI", provider, tenant, e.toString());
      return null;
    }
  }

  private void record(Task task, String provider, CircuitSettings settings, Admission admission,
      CallOutcome outcome, String error) {
    try {
      Transition transition = breakers.record(task.getTenantId(), provider, settings, admission, outcome,
          task.getTaskId(), error, clock.instant());
      metrics.transitioned(provider, transition);
      if (transition != Transition.NONE) {
        log.info("circuit breaker of provider '{}' (tenant {}): {} after task {} ({})", provider,
            task.getTenantId(), transition, task.getTaskId(), outcome);
      }
    } catch (RedisException e) {
      log.warn("outcome {} of task {} could not be recorded on the circuit breaker of provider '{}' ({}); "
          + "the breaker misses it (a lost probe frees its slot after {})", outcome, task.getTaskId(), provider,
          e.toString(), settings.openDuration());
    }
  }

  private static Optional<String> provider(JsonNode config) throws StepFailure {
    JsonNode value = config.path("provider");
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || !PROVIDER.matcher(value.asText()).matches()) {
      throw StepFailure.permanent(BuiltinCode.INVALID_CONFIG.name(), "config.provider: " + value
          + " (expected: a provider name of letters, digits, '.', '_' or '-', at most 64)");
    }
    return Optional.of(value.asText());
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "...";
  }
}
