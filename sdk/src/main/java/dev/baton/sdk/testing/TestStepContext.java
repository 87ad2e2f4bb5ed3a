package dev.baton.sdk.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.sdk.handler.StepContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StepContext} for calling a {@link dev.baton.sdk.handler.StepHandler} directly in a unit
 * test, without an executor: give it what the step would get, call {@code handle}, then check what
 * the handler returned or threw, how often it heartbeated and how it answers a {@link #cancel()}.
 *
 * <pre>{@code
 * TestStepContext ctx = TestStepContext.builder()
 *     .input("{\"name\": \"Ada\"}")
 *     .config("{\"provider\": \"backup\"}")
 *     .attempt(2)
 *     .build();
 * JsonNode out = new Greeter().handle(ctx);
 * assertThat(out.path("greeting").asText()).isEqualTo("hello Ada");
 * assertThat(ctx.heartbeats()).isZero();
 * }</pre>
 *
 * <p>Unless set, the attempt is the first of step {@code step} (not in a forEach) of execution
 * {@code exec-1} of workflow {@code test-workflow}, tenant {@code default}, and its idempotency key
 * is built as Baton builds it: {@code <execution>/<step>[<item>]/<attempt>}. Heartbeats and
 * cancellation may come from other threads, as they do in an executor.
 */
public final class TestStepContext implements StepContext {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode input;
  private final JsonNode config;
  private final String tenantId;
  private final String executionId;
  private final String workflowName;
  private final String stepId;
  private final int itemIndex;
  private final int attempt;
  private final String idempotencyKey;
  private final Tracer tracer;
  private final AtomicInteger heartbeats = new AtomicInteger();
  private volatile boolean cancelled;

  private TestStepContext(Builder b) {
    this.input = b.input;
    this.config = b.config;
    this.tenantId = b.tenantId;
    this.executionId = b.executionId;
    this.workflowName = b.workflowName;
    this.stepId = b.stepId;
    this.itemIndex = b.itemIndex;
    this.attempt = b.attempt;
    this.idempotencyKey = b.idempotencyKey != null ? b.idempotencyKey
        : executionId + "/" + stepId + (itemIndex >= 0 ? "[" + itemIndex + "]" : "") + "/" + attempt;
    this.tracer = b.tracer;
  }

  /** A context with this input (a JSON object) and everything else as by default. */
  public static TestStepContext of(String inputJson) {
    return builder().input(inputJson).build();
  }

  /** A context with this input and step config (JSON objects) and everything else as by default. */
  public static TestStepContext of(String inputJson, String configJson) {
    return builder().input(inputJson).config(configJson).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How often the handler called {@link #heartbeat()} so far. */
  public int heartbeats() {
    return heartbeats.get();
  }

  /** What Baton does when the execution is cancelled or the attempt times out: {@link #isCancelled()} turns true. */
  public void cancel() {
    cancelled = true;
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public JsonNode config() {
    return config;
  }

  @Override
  public String idempotencyKey() {
    return idempotencyKey;
  }

  @Override
  public String tenantId() {
    return tenantId;
  }

  @Override
  public String executionId() {
    return executionId;
  }

  @Override
  public String workflowName() {
    return workflowName;
  }

  @Override
  public String stepId() {
    return stepId;
  }

  @Override
  public int itemIndex() {
    return itemIndex;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public void heartbeat() {
    heartbeats.incrementAndGet();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }

  /** Settings of a {@link TestStepContext}; each has the default the class comment gives. */
  public static final class Builder {
    private JsonNode input = JSON.createObjectNode();
    private JsonNode config = JSON.createObjectNode();
    private String tenantId = "default";
    private String executionId = "exec-1";
    private String workflowName = "test-workflow";
    private String stepId = "step";
    private int itemIndex = -1;
    private int attempt = 1;
    private String idempotencyKey;
    private Tracer tracer = OpenTelemetry.noop().getTracer("dev.baton.sdk.testing");

    private Builder() {}

    /** The evaluated step input, as JSON text. */
    public Builder input(String json) {
      return input(parse("input", json));
    }

    public Builder input(JsonNode input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /** The step's static {@code config} object, as JSON text. */
    public Builder config(String json) {
      return config(parse("config", json));
    }

    public Builder config(JsonNode config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    public Builder tenantId(String tenantId) {
      this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
      return this;
    }

    public Builder executionId(String executionId) {
      this.executionId = Objects.requireNonNull(executionId, "executionId");
      return this;
    }

    public Builder workflowName(String workflowName) {
      this.workflowName = Objects.requireNonNull(workflowName, "workflowName");
      return this;
    }

    public Builder stepId(String stepId) {
      this.stepId = Objects.requireNonNull(stepId, "stepId");
      return this;
    }

    /** Element index inside a forEach step; -1 (the default) for a step that is not one. */
    public Builder itemIndex(int itemIndex) {
      if (itemIndex < -1) {
        throw new IllegalArgumentException("itemIndex: " + itemIndex + " (expected: >= -1)");
      }
      this.itemIndex = itemIndex;
      return this;
    }

    /** 1-based attempt number. */
    public Builder attempt(int attempt) {
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
      }
      this.attempt = attempt;
      return this;
    }

    /** Overrides the key built from execution, step, item and attempt. */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      return this;
    }

    /** The tracer handlers get (default: a no-op one), e.g. one of an in-memory OpenTelemetry SDK. */
    public Builder tracer(Tracer tracer) {
      this.tracer = Objects.requireNonNull(tracer, "tracer");
      return this;
    }

    public TestStepContext build() {
      return new TestStepContext(this);
    }

    private static JsonNode parse(String field, String json) {
      Objects.requireNonNull(json, field);
      try {
        return JSON.readTree(json);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(field + ": not JSON (" + e.getOriginalMessage() + ")", e);
      }
    }
  }
}
