package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A compiled CEL expression of a workflow definition. Variables: {@code input} (map), {@code steps}
 * (map of step id to {@code {"status": ..., "output": ...}}), {@code item} (any) and {@code index}
 * (int), the last two only inside {@code forEach} steps, and {@code error} (map) only in the
 * {@code if} of a recovery rule.
 *
 * <p>Immutable and thread-safe. Variables are plain Java values as Jackson produces them
 * ({@code Json.toJava}); results are plain Java values too (Map, List, String, Long, Double, Boolean,
 * null), see {@link CelValues}.
 */
public final class Expression {
  // The runtime reports a character offset ("at <input>:17:"); authors want line:column.
  private static final Pattern RUNTIME_POSITION = Pattern.compile("^evaluation error at <input>:(\\d+): ");

  private final String source;
  private final CelAbstractSyntaxTree ast;
  private final CelRuntime.Program program;
  private final ExpressionReferences references;

  private Expression(String source, CelAbstractSyntaxTree ast, CelRuntime.Program program) {
    this.source = source;
    this.ast = ast;
    this.program = program;
    this.references = ExpressionReferences.of(ast);
  }

  /** @throws ExpressionException with {@code line:column: problem} for each problem CEL found */
  public static Expression compile(String source) throws ExpressionException {
    requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new ExpressionException("empty expression");
    }
    try {
      CelAbstractSyntaxTree ast = CelEnvironment.COMPILER.compile(source).getAst();
      return new Expression(source, ast, CelEnvironment.RUNTIME.createProgram(ast));
    } catch (CelValidationException e) {
      throw new ExpressionException(describe(e), e);
    } catch (CelEvaluationException e) {
      throw new ExpressionException("cannot build a program for '" + source + "': " + e.getMessage(), e);
    }
  }

  public String source() {
    return source;
  }

  /**
   * @param variables any of input, steps, item, index; a variable the expression uses must be present
   * @throws ExpressionException when a variable is missing or evaluation fails (no such key, wrong types, ...)
   */
  public Object evaluate(Map<String, Object> variables) throws ExpressionException {
    requireNonNull(variables, "variables");
    Map<String, Object> activation = new HashMap<>();
    for (String name : references.variables()) {
      if (variables.containsKey(name)) {
        activation.put(name, CelValues.toCel(variables.get(name)));
      }
    }
    return evaluatePrepared(activation);
  }

  /**
   * Variables converted for CEL once, for callers that evaluate several expressions over the same
   * values (a template): converting a large {@code steps} map per expression would dominate.
   */
  static Map<String, Object> prepare(Map<String, Object> variables) {
    Map<String, Object> activation = new HashMap<>();
    variables.forEach((name, value) -> activation.put(name, CelValues.toCel(value)));
    return activation;
  }

  /** @param activation variables as {@link #prepare} returns them */
  Object evaluatePrepared(Map<String, Object> activation) throws ExpressionException {
    for (String name : references.variables()) {
      if (!activation.containsKey(name)) {
        throw new ExpressionException("'" + source + "': variable '" + name + "' has no value here"
            + (name.equals(CelEnvironment.ITEM) || name.equals(CelEnvironment.INDEX) ? " (it exists only in the input of a forEach step)" : "")
            + (name.equals(CelEnvironment.ERROR) ? " (it exists only in the 'if' of a recovery rule)" : ""));
      }
    }
    try {
      return CelValues.toJava(program.eval(activation));
    } catch (CelEvaluationException e) {
      throw new ExpressionException("'" + source + "': " + withLineAndColumn(e.getMessage()), e);
    } catch (ExpressionException e) {
      throw new ExpressionException("'" + source + "': " + e.getMessage(), e);
    }
  }

  /** Evaluates a condition: the result must be a bool. */
  public boolean evaluateCondition(Map<String, Object> variables) throws ExpressionException {
    Object result = evaluate(variables);
    if (result instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException("'" + source + "': expected a bool, got " + describeType(result)
        + (result == null ? "" : " (" + result + ")"));
  }

  /** The type the checker inferred; {@code dyn} when it depends on the variables' contents. */
  CelType resultType() {
    return ast.getResultType();
  }

  ExpressionReferences references() {
    return references;
  }

  private static String describe(CelValidationException e) {
    if (e.getErrors().isEmpty()) {
      return e.getMessage();
    }
    return e.getErrors().stream().map(Expression::describe).collect(Collectors.joining(", "));
  }

  private static String describe(CelIssue issue) {
    CelSourceLocation at = issue.getSourceLocation();
    return at.equals(CelSourceLocation.NONE)
        ? issue.getMessage()
        : at.getLine() + ":" + (at.getColumn() + 1) + ": " + issue.getMessage(); // CEL counts columns from 0
  }

  private String withLineAndColumn(String message) {
    Matcher m = RUNTIME_POSITION.matcher(message == null ? "" : message);
    if (!m.find()) {
      return message;
    }
    Optional<CelSourceLocation> at = ast.getSource().getOffsetLocation(Integer.parseInt(m.group(1)));
    String rest = message.substring(m.end());
    return at.map(l -> l.getLine() + ":" + (l.getColumn() + 1) + ": " + rest).orElse(rest);
  }

  private static String describeType(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof Double) {
      return "double";
    }
    if (value instanceof Map) {
      return "map";
    }
    if (value instanceof java.util.List) {
      return "list";
    }
    return value.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return source;
  }
}
