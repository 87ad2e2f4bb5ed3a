package dev.baton.orchestrator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.proto.v1.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a {@link CompiledWorkflow}, with its expressions compiled and its defaults applied, so
 * the engine never re-reads or re-validates the proto. Immutable.
 */
public final class CompiledStep {
  /** Fan-out width when {@code forEach.concurrency} is absent. */
  public static final int DEFAULT_CONCURRENCY = 10;
  public static final String DEFAULT_TASK_QUEUE = "default";

  private final Step proto;
  private final Optional<Expression> when;
  private final Template input;
  private final Optional<Expression> forEachItems;
  private final int concurrency;
  private final Retry retry;
  private final Duration startToClose;
  private final Duration heartbeatTimeout;
  private final String taskQueue;
  private final ObjectNode config;
  private final List<CompiledRule> onError;

  CompiledStep(Step proto, Optional<Expression> when, Template input, Optional<Expression> forEachItems,
      int concurrency, Retry retry, Duration startToClose, Duration heartbeatTimeout, String taskQueue,
      ObjectNode config, List<CompiledRule> onError) {
    this.onError = List.copyOf(onError);
    this.proto = proto;
    this.when = when;
    this.input = input;
    this.forEachItems = forEachItems;
    this.concurrency = concurrency;
    this.retry = retry;
    this.startToClose = startToClose;
    this.heartbeatTimeout = heartbeatTimeout;
    this.taskQueue = taskQueue;
    this.config = config;
  }

  public String id() {
    return proto.getId();
  }

  public Step proto() {
    return proto;
  }

  public List<String> dependsOn() {
    return proto.getDependsOnList();
  }

  /** The condition; absent means the step always runs (once its dependencies allow). */
  public Optional<Expression> when() {
    return when;
  }

  /** The input template; renders {@code {}} when the step has none. */
  public Template input() {
    return input;
  }

  /** Present for a fan-out step: yields the list to run the step over. */
  public Optional<Expression> forEachItems() {
    return forEachItems;
  }

  /** How many elements of a fan-out run at once ({@value #DEFAULT_CONCURRENCY} unless set). */
  public int concurrency() {
    return concurrency;
  }

  public Retry retry() {
    return retry;
  }

  /** Longest run of one attempt; {@link Duration#ZERO} = no limit. */
  public Duration startToClose() {
    return startToClose;
  }

  /** Longest silence between heartbeats; {@link Duration#ZERO} = not checked. */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** The step's task queue, else the workflow's, else {@value #DEFAULT_TASK_QUEUE}. */
  public String taskQueue() {
    return taskQueue;
  }

  public boolean isChildWorkflow() {
    return proto.getActionCase() == Step.ActionCase.WORKFLOW;
  }

  /** The handler name; "" for a child-workflow step. */
  public String handler() {
    return proto.getHandler();
  }

  /** The child workflow's name; "" for a handler step. */
  public String childWorkflow() {
    return proto.getWorkflow();
  }

  /** The child workflow's version; 0 = its active version. */
  public int childWorkflowVersion() {
    return proto.getWorkflowVersion();
  }

  public boolean runIfDependenciesSkipped() {
    return proto.getRunIfDependenciesSkipped();
  }

  /** The handler's static configuration ({@code {}} when absent); a copy, free to modify. */
  public JsonNode config() {
    return config.deepCopy();
  }

  /**
   * The recovery rules in the order they are consulted: the step's own {@code onError}, then the
   * workflow's defaults. Empty for a child-workflow step.
   */
  public List<CompiledRule> onError() {
    return onError;
  }

  /** The handler config's {@code provider} value (how recovery records name what was tried); "" when none. */
  public static String provider(JsonNode config) {
    JsonNode provider = config == null ? null : config.get("provider");
    return provider != null && provider.isTextual() ? provider.asText() : "";
  }

  @Override
  public String toString() {
    return "CompiledStep[" + id() + "]";
  }
}
