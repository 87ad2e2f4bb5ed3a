package dev.baton.executor.run;

import dev.baton.sdk.handler.StepHandler;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The handlers this executor can run, by name. Built once at start from explicit instances (built-ins,
 * test or launcher handlers) plus those {@link ServiceLoader} finds; two different classes claiming
 * one name is a start-up error, because which one runs would otherwise depend on the classpath.
 */
public final class HandlerRegistry {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final Map<String, StepHandler> byName;

  private HandlerRegistry(Map<String, StepHandler> byName) {
    this.byName = byName;
  }

  /** The given handlers plus every {@code StepHandler} listed in META-INF/services on the classpath. */
  public static HandlerRegistry discover(Collection<? extends StepHandler> explicit) {
    List<StepHandler> all = new java.util.ArrayList<>(explicit);
    ServiceLoader.load(StepHandler.class).forEach(all::add);
    return of(all);
  }

  /** Exactly the given handlers. */
  public static HandlerRegistry of(Collection<? extends StepHandler> handlers) {
    Map<String, StepHandler> byName = new TreeMap<>();
    for (StepHandler handler : handlers) {
      Objects.requireNonNull(handler, "handler");
      String name = handler.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("handler " + handler.getClass().getName() + ": name '" + name
            + "' (expected: lower-case letters, digits and '-')");
      }
      StepHandler existing = byName.putIfAbsent(name, handler);
      if (existing != null && existing.getClass() != handler.getClass()) {
        throw new IllegalArgumentException("handler '" + name + "' is provided by both "
            + existing.getClass().getName() + " and " + handler.getClass().getName()
            + " (expected: one class per handler name)");
      }
    }
    return new HandlerRegistry(Map.copyOf(byName));
  }

  public Optional<StepHandler> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Sorted handler names, as announced to the orchestrator. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }
}
