package dev.baton.orchestrator.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template string into literal text and {@code ${...}} expression sources.
 *
 * <p>The end of an expression is the '}' that closes its '${', so an expression may itself contain
 * braces (map literals) and quoted strings with braces in them. {@code $${} is an escape for a
 * literal "${".
 */
final class TemplateString {
  /** Literal text, or the source of an expression. */
  record Segment(String text, boolean isExpression) {}

  private TemplateString() {}

  static List<Segment> split(String text) throws ExpressionException {
    List<Segment> segments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = closingBrace(text, i + 2);
        if (literal.length() > 0) {
          segments.add(new Segment(literal.toString(), false));
          literal.setLength(0);
        }
        segments.add(new Segment(text.substring(i + 2, end), true));
        i = end + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (literal.length() > 0 || segments.isEmpty()) {
      segments.add(new Segment(literal.toString(), false));
    }
    return segments;
  }

  private static int closingBrace(String text, int from) throws ExpressionException {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    throw new ExpressionException("'${' at position " + (from - 2) + " has no closing '}'");
  }
}
