package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value whose strings may hold CEL: a step's {@code input} or the workflow's {@code output}.
 *
 * <ul>
 *   <li>a string that is exactly one {@code "${expr}"} becomes the expression's value, with its type
 *       (number, bool, list, object, null);
 *   <li>a string with {@code ${...}} among other text gets each result interpolated: strings as they
 *       are, anything else as JSON text ({@code 3}, {@code true}, {@code null}, {@code {"a":1}});
 *   <li>everything else (numbers, bools, null, strings without {@code ${}}, object keys) is kept;
 *       objects and arrays are walked recursively. {@code $${} writes a literal "${".
 * </ul>
 *
 * <p>Immutable and thread-safe; every {@link #render} returns a new tree.
 */
public final class Template {
  private static final Template EMPTY = new Template(new ObjectPart(Map.of()), List.of());

  /** An expression of the template with the path where it sits, for the compiler's reference checks. */
  record Located(String path, Expression expression) {}

  /** Rendering takes the variables already converted for CEL ({@link Expression#prepare}). */
  private sealed interface Part permits LiteralPart, ExactPart, InterpolatedPart, ObjectPart, ArrayPart {
    JsonNode render(Map<String, Object> variables) throws ExpressionException;
  }

  private record LiteralPart(JsonNode value) implements Part {
    @Override
    public JsonNode render(Map<String, Object> variables) {
      return value.deepCopy();
    }
  }

  private record ExactPart(Expression expression) implements Part {
    @Override
    public JsonNode render(Map<String, Object> variables) throws ExpressionException {
      return Json.fromJava(expression.evaluatePrepared(variables));
    }
  }

  /** Pieces are literal strings or expressions, in order. */
  private record InterpolatedPart(List<Object> pieces) implements Part {
    @Override
    public JsonNode render(Map<String, Object> variables) throws ExpressionException {
      StringBuilder text = new StringBuilder();
      for (Object piece : pieces) {
        if (piece instanceof Expression expression) {
          Object value = expression.evaluatePrepared(variables);
          text.append(value instanceof String s ? s : Json.write(value));
        } else {
          text.append((String) piece);
        }
      }
      return Json.NODES.textNode(text.toString());
    }
  }

  private record ObjectPart(Map<String, Part> fields) implements Part {
    @Override
    public JsonNode render(Map<String, Object> variables) throws ExpressionException {
      ObjectNode object = Json.NODES.objectNode();
      for (Map.Entry<String, Part> field : fields.entrySet()) {
        object.set(field.getKey(), field.getValue().render(variables));
      }
      return object;
    }
  }

  private record ArrayPart(List<Part> elements) implements Part {
    @Override
    public JsonNode render(Map<String, Object> variables) throws ExpressionException {
      ArrayNode array = Json.NODES.arrayNode();
      for (Part element : elements) {
        array.add(element.render(variables));
      }
      return array;
    }
  }

  private final Part root;
  private final List<Located> expressions;

  private Template(Part root, List<Located> expressions) {
    this.root = root;
    this.expressions = List.copyOf(expressions);
  }

  /** @throws ExpressionException naming where in the template each bad expression is, e.g. {@code text: 1:4: ...} */
  public static Template compile(JsonNode template) throws ExpressionException {
    requireNonNull(template, "template");
    Violations violations = new Violations();
    Template compiled = compile(template, "", violations);
    if (!violations.isEmpty()) {
      throw new ExpressionException(String.join("; ", violations.list()));
    }
    return compiled;
  }

  /** A template that renders {@code {}}. */
  public static Template empty() {
    return EMPTY;
  }

  /** @throws ExpressionException when an expression fails to evaluate */
  public JsonNode render(Map<String, Object> variables) throws ExpressionException {
    requireNonNull(variables, "variables");
    return root.render(Expression.prepare(variables));
  }

  /**
   * Compiles what it can and reports each bad expression to {@code violations} under {@code path}
   * (e.g. {@code steps[0] (a).input}); used by the definition compiler to collect every problem.
   */
  static Template compile(JsonNode template, String path, Violations violations) {
    List<Located> expressions = new ArrayList<>();
    Part root = part(template, path, violations, expressions);
    return new Template(root, expressions);
  }

  List<Located> expressions() {
    return expressions;
  }

  private static Part part(JsonNode node, String path, Violations violations, List<Located> expressions) {
    if (node.isObject()) {
      Map<String, Part> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        fields.put(field.getKey(), part(field.getValue(), fieldPath, violations, expressions));
      }
      return new ObjectPart(fields);
    }
    if (node.isArray()) {
      List<Part> elements = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        elements.add(part(node.get(i), path + "[" + i + "]", violations, expressions));
      }
      return new ArrayPart(elements);
    }
    if (node.isTextual() && node.textValue().contains("${")) {
      return textPart(node, path, violations, expressions);
    }
    return new LiteralPart(node.deepCopy());
  }

  private static Part textPart(JsonNode node, String path, Violations violations, List<Located> expressions) {
    String where = path.isEmpty() ? "(template)" : path;
    try {
      List<TemplateString.Segment> segments = TemplateString.split(node.textValue());
      List<Object> pieces = new ArrayList<>();
      for (TemplateString.Segment segment : segments) {
        if (segment.isExpression()) {
          Expression expression = Expression.compile(segment.text());
          expressions.add(new Located(where, expression));
          pieces.add(expression);
        } else {
          pieces.add(segment.text());
        }
      }
      if (pieces.size() == 1 && pieces.get(0) instanceof Expression exact) {
        return new ExactPart(exact);
      }
      return pieces.stream().allMatch(String.class::isInstance)
          ? new LiteralPart(Json.NODES.textNode(String.join("", pieces.stream().map(String.class::cast).toList())))
          : new InterpolatedPart(List.copyOf(pieces));
    } catch (ExpressionException e) {
      violations.add(where, "'" + node.textValue() + "': " + e.getMessage());
      return new LiteralPart(node.deepCopy());
    }
  }
}
