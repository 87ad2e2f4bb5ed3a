package dev.baton.orchestrator.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
  /** Variables as the engine builds them: Jackson's plain Java values (Integer for small numbers). */
  private static Map<String, Object> variables(String inputJson, String stepsJson) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("input", Json.toJava(Json.parse(inputJson)));
    variables.put("steps", Json.toJava(Json.parse(stepsJson)));
    return variables;
  }

  private static final Map<String, Object> LEAD = variables(
      "{\"audience\": \"cto\", \"x\": 41, \"ratio\": 0.5, \"nothing\": null}",
      "{\"translate\": {\"status\": \"SUCCEEDED\", \"output\": {\"criteria\": [\"role=cto\"], \"segments\": [1, 2]}},"
          + " \"probe\": {\"status\": \"FAILED\", \"output\": {\"error\": \"Read TIMEOUT after 30s\"}}}");

  @Test
  void evaluatesTheDesignCondition() throws Exception {
    Expression when = Expression.compile("size(steps.translate.output.criteria) > 0");

    assertThat(when.evaluateCondition(LEAD)).isTrue();
    assertThat(when.evaluateCondition(variables("{}",
        "{\"translate\": {\"status\": \"SUCCEEDED\", \"output\": {\"criteria\": []}}}"))).isFalse();
  }

  @Test
  void readsInputWithJsonIntegersUsableAsCelInts() throws Exception {
    assertThat(Expression.compile("input.audience").evaluate(LEAD)).isEqualTo("cto");
    // Jackson hands over an Integer; CEL's int arithmetic only accepts Long.
    assertThat(Expression.compile("input.x + 1").evaluate(LEAD)).isEqualTo(42L);
    assertThat(Expression.compile("input.ratio * 2.0").evaluate(LEAD)).isEqualTo(1.0);
    assertThat(Expression.compile("input.nothing == null").evaluate(LEAD)).isEqualTo(true);
    assertThat(Expression.compile("input.nothing").evaluate(LEAD)).isNull();
  }

  @Test
  void exposesItemAndIndexOfAForEachElement() throws Exception {
    Map<String, Object> variables = new HashMap<>(LEAD);
    variables.put("item", Map.of("email", "a@b.c", "score", 7));
    variables.put("index", 2);

    assertThat(Expression.compile("item.email + '#' + string(index)").evaluate(variables)).isEqualTo("a@b.c#2");
    assertThat(Expression.compile("item.score * 2").evaluate(variables)).isEqualTo(14L);
  }

  @Test
  void supportsCaseInsensitiveRegexMatching() throws Exception {
    Expression timeout = Expression.compile("steps.probe.output.error.matches('(?i)timeout')");

    assertThat(timeout.evaluateCondition(LEAD)).isTrue();
  }

  @Test
  void supportsMacrosOverLists() throws Exception {
    assertThat(Expression.compile("steps.translate.output.segments.map(s, s * 10)").evaluate(LEAD))
        .isEqualTo(List.of(10L, 20L));
    assertThat(Expression.compile("has(input.audience) && !has(input.missing)").evaluate(LEAD)).isEqualTo(true);
  }

  @Test
  void returnsPlainJavaValuesForCelResults() throws Exception {
    Object result = Expression.compile("{'n': 1u, 'list': [1, 'a', null], 'd': duration('90s'), 'b': b'hi', 5: true}")
        .evaluate(LEAD);

    assertThat(result).isEqualTo(Map.of("n", 1L, "list", java.util.Arrays.asList(1L, "a", null), "d", "90s",
        "b", "aGk=", "5", true));
  }

  @Test
  void rejectsAConditionThatIsNotABool() throws Exception {
    assertThatThrownBy(() -> Expression.compile("input.x").evaluateCondition(LEAD))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("'input.x': expected a bool, got int (41)");
  }

  @Test
  void reportsAMissingKeyAtRunTime() throws Exception {
    Expression expression = Expression.compile("input.audience + input.country");

    assertThatThrownBy(() -> expression.evaluate(LEAD))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("'input.audience + input.country': 1:23: key 'country' is not present in map.");
  }

  @Test
  void reportsWrongOperandTypesAtRunTime() throws Exception {
    assertThatThrownBy(() -> Expression.compile("input.audience + 1").evaluate(LEAD))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("No matching overload");
  }

  @Test
  void reportsAVariableThatWasNotProvided() throws Exception {
    assertThatThrownBy(() -> Expression.compile("item.email").evaluate(LEAD))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("'item.email': variable 'item' has no value here (it exists only in the input of a forEach step)");
  }

  @Test
  void reportsSyntaxErrorsWithLineAndColumn() {
    assertThatThrownBy(() -> Expression.compile("input.x +"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("1:10: mismatched input '<EOF>'");
    assertThatThrownBy(() -> Expression.compile("input.x ==\n  nosuch"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("2:3: undeclared reference to 'nosuch' (in container '')");
  }

  @Test
  void findsTheStepsAnExpressionReads() throws Exception {
    ExpressionReferences refs = Expression.compile(
        "steps.a.output.x + steps['b-2'].output.y + size('steps.c') + [1].map(steps, steps)[0]").references();

    assertThat(refs.steps()).containsExactlyInAnyOrder("a", "b-2");
    assertThat(refs.variables()).containsExactly("steps");
  }

  @Test
  void doesNotCountAComprehensionVariableAsTheForEachItem() throws Exception {
    assertThat(Expression.compile("input.leads.map(item, item.email)").references().variables())
        .containsExactly("input");
  }
}
