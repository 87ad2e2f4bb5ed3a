package dev.baton.executor.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import org.junit.jupiter.api.Test;

class TransformHandlerTest {
  private final TransformHandler handler = new TransformHandler();

  @Test
  void withoutExpressionReturnsTheInput() throws Exception {
    JsonNode output = handler.handle(TestStepContext.of("{\"a\":1}"));

    assertThat(output.toString()).isEqualTo("{\"a\":1}");
  }

  @Test
  void evaluatesCelExpressionOverInput() throws Exception {
    JsonNode output = handler.handle(TestStepContext.of(
        "{\"leads\":[{\"id\":\"a\",\"score\":7},{\"id\":\"b\",\"score\":2}],\"min\":5}",
        "{\"expression\":\"{'ids': input.leads.filter(l, l.score >= input.min).map(l, l.id), "
            + "'count': size(input.leads), 'half': double(input.min) / 2.0}\"}"));

    assertThat(output.get("ids").toString()).isEqualTo("[\"a\"]");
    assertThat(output.get("count").asLong()).isEqualTo(2);
    assertThat(output.get("half").asDouble()).isEqualTo(2.5);
  }

  @Test
  void jsonNullIsCelNull() throws Exception {
    JsonNode output = handler.handle(TestStepContext.of("{\"x\":null}",
        "{\"expression\":\"input.x == null ? 'none' : 'some'\"}"));

    assertThat(output.asText()).isEqualTo("none");
  }

  @Test
  void syntaxErrorIsPermanentAndNamesTheField() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{}", "{\"expression\":\"input.(\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_EXPRESSION");
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).startsWith("config.expression:");
        });
  }

  @Test
  void evaluationErrorIsPermanent() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{}", "{\"expression\":\"input.missing.x\"}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("EXPRESSION_ERROR");
          assertThat(f.retryable()).isFalse();
        });
  }

  @Test
  void compilesEachExpressionOnceAndBoundsTheCache() throws Exception {
    CelExpressions expressions = new CelExpressions(2);
    JsonNode input = TestStepContext.of("{\"n\":1}").input();

    expressions.evaluate("e", "input.n + 1", input);
    expressions.evaluate("e", "input.n + 1", input);
    assertThat(expressions.cachedCount()).isEqualTo(1);

    expressions.evaluate("e", "input.n + 2", input);
    expressions.evaluate("e", "input.n + 3", input);
    assertThat(expressions.cachedCount()).isEqualTo(2);
  }
}
