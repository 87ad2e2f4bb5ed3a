package dev.baton.examples.lead;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How an audience description is written; detected from the text's shape, never guessed from content. */
enum AudienceFormat {
  NATURAL,
  JSON,
  CSV,
  FORM;

  /** key=value pairs joined by '&' on one line; keys have no spaces, so prose with '=' stays natural. */
  private static final Pattern FORM_ENCODED =
      Pattern.compile("[\\w.\\-\\[\\]%+]+=[^&\\s]*(?:&[\\w.\\-\\[\\]%+]+=[^&\\s]*)*");

  String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * JSON when the text starts with '{' or '['; form when it is one line of key=value pairs
   * joined by '&'; CSV when it has at least two non-blank lines that all hold the same number
   * (at least one) of commas; natural language otherwise.
   */
  static AudienceFormat detect(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return JSON;
    }
    if (FORM_ENCODED.matcher(trimmed).matches()) {
      return FORM;
    }
    List<String> lines = trimmed.lines().filter(line -> !line.isBlank()).toList();
    if (lines.size() >= 2) {
      long commas = commas(lines.get(0));
      if (commas > 0 && lines.stream().allMatch(line -> commas(line) == commas)) {
        return CSV;
      }
    }
    return NATURAL;
  }

  private static long commas(String line) {
    return line.chars().filter(c -> c == ',').count();
  }
}
