package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;

/**
 * {@code transform}: reshapes data. The orchestrator already evaluates the step's input mapping, so
 * without config the input is the output. With {@code config.expression}, the output is that CEL
 * expression evaluated over {@code {input: <input>}}, e.g. {@code input.items.map(i, i.id)}.
 */
public final class TransformHandler implements StepHandler {
  private static final int MAX_CACHED_EXPRESSIONS = 1000;

  private final CelExpressions expressions = new CelExpressions(MAX_CACHED_EXPRESSIONS);

  @Override
  public String name() {
    return "transform";
  }

  @Override
  public JsonNode handle(StepContext context) throws StepFailure {
    JsonNode expression = context.config() == null ? null : context.config().get("expression");
    if (expression == null || expression.isNull()) {
      return context.input();
    }
    if (!expression.isTextual() || expression.asText().isBlank()) {
      throw StepFields.invalid("config.expression", expression, "a CEL expression as a string");
    }
    return expressions.evaluate("config.expression", expression.asText(), context.input());
  }
}
