package dev.baton.orchestrator.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Map<String, Object> VARIABLES = Map.of(
      "input", Json.toJava(Json.parse("{\"name\": \"Ada\", \"count\": 3, \"tags\": [\"a\", \"b\"], \"on\": true}")),
      "steps", Json.toJava(Json.parse("{\"t\": {\"status\": \"SUCCEEDED\", \"output\": {\"criteria\": {\"role\": \"cto\"}}}}")));

  private static String render(String templateJson) throws ExpressionException {
    return Template.compile(Json.parse(templateJson)).render(VARIABLES).toString();
  }

  @Test
  void anExactExpressionKeepsTheValueAndItsType() throws Exception {
    assertThat(render("{\"n\": \"${input.count}\", \"tags\": \"${input.tags}\", \"on\": \"${input.on}\","
        + " \"c\": \"${steps.t.output.criteria}\", \"nil\": \"${null}\"}"))
        .isEqualTo("{\"n\":3,\"tags\":[\"a\",\"b\"],\"on\":true,\"c\":{\"role\":\"cto\"},\"nil\":null}");
  }

  @Test
  void expressionsAmongTextAreInterpolatedNonStringsAsJson() throws Exception {
    assertThat(render("{\"greeting\": \"Hi ${input.name}, ${input.count} new, tags ${input.tags}\"}"))
        .isEqualTo("{\"greeting\":\"Hi Ada, 3 new, tags [\\\"a\\\",\\\"b\\\"]\"}");
  }

  @Test
  void literalsAreKeptAndNestedObjectsAndArraysAreWalked() throws Exception {
    assertThat(render("{\"keep\": 1.5, \"flag\": false, \"plain\": \"no expr\","
        + " \"nested\": {\"list\": [\"${input.count * 2}\", {\"deep\": \"${input.name}\"}, 7]}}"))
        .isEqualTo("{\"keep\":1.5,\"flag\":false,\"plain\":\"no expr\",\"nested\":{\"list\":[6,{\"deep\":\"Ada\"},7]}}");
  }

  @Test
  void anExpressionMayContainBracesAndQuotedBraces() throws Exception {
    assertThat(render("{\"m\": \"${ {'k': '}'}.k }\"}")).isEqualTo("{\"m\":\"}\"}");
  }

  @Test
  void doubleDollarEscapesALiteralPlaceholder() throws Exception {
    assertThat(render("{\"s\": \"cost: $${input.count}\"}")).isEqualTo("{\"s\":\"cost: ${input.count}\"}");
  }

  @Test
  void emptyTemplateRendersAnEmptyObject() throws Exception {
    assertThat(Template.empty().render(Map.of()).toString()).isEqualTo("{}");
  }

  @Test
  void compileErrorsNameWhereInTheTemplateTheyAre() {
    assertThatThrownBy(() -> Template.compile(Json.parse("{\"a\": {\"b\": [\"ok\", \"${input.x +}\"]}, \"c\": \"${oops\"}")))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("a.b[1]: '${input.x +}': 1:10: ")
        .hasMessageContaining("c: '${oops': '${' at position 0 has no closing '}'");
  }

  @Test
  void renderErrorsComeFromTheFailingExpression() throws Exception {
    Template template = Template.compile(Json.parse("{\"x\": \"${input.missing}\"}"));

    assertThatThrownBy(() -> template.render(VARIABLES))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("key 'missing' is not present in map");
  }
}
