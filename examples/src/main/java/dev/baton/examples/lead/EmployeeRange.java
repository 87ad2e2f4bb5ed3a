package dev.baton.examples.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Company sizes written as head counts, normalised to "50-200 employees" or "1000+ employees".
 * Recognised: "50-200 employees", "50 to 200 people", "1000+ staff", "over 500 employees",
 * "more than 500 employees"; in structured input also a bare "50-200" or "1000+".
 */
final class EmployeeRange {
  private static final String UNIT = "(?:employees|people|staff|fte|ftes|headcount)";
  private static final Pattern BETWEEN = Pattern.compile(
      "(?<![\\p{L}\\p{N}])(\\d{1,6})\\s*(?:-|–|to)\\s*(\\d{1,6})\\s*" + UNIT, Pattern.CASE_INSENSITIVE);
  private static final Pattern AT_LEAST = Pattern.compile(
      "(?<![\\p{L}\\p{N}])(?:(?:over|more than|at least)\\s+(\\d{1,6})|(\\d{1,6})\\s*\\+)\\s*" + UNIT,
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_BETWEEN = Pattern.compile("(\\d{1,6})\\s*(?:-|–|to)\\s*(\\d{1,6})");
  private static final Pattern BARE_AT_LEAST = Pattern.compile("(\\d{1,6})\\s*\\+");

  private EmployeeRange() {}

  /** Every head-count range in free text, in order of appearance. */
  static List<String> findIn(String text) {
    record Found(int start, String range) {}
    List<Found> found = new ArrayList<>();
    Matcher between = BETWEEN.matcher(text);
    while (between.find()) {
      found.add(new Found(between.start(), between(between.group(1), between.group(2))));
    }
    Matcher atLeast = AT_LEAST.matcher(text);
    while (atLeast.find()) {
      String min = atLeast.group(1) != null ? atLeast.group(1) : atLeast.group(2);
      found.add(new Found(atLeast.start(), min + "+ employees"));
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found.stream().map(Found::range).toList();
  }

  /** A structured value that is a range on its own, with or without the unit. */
  static Optional<String> canonical(String value) {
    String trimmed = value.trim();
    List<String> withUnit = findIn(trimmed);
    if (withUnit.size() == 1) {
      return Optional.of(withUnit.get(0));
    }
    Matcher between = BARE_BETWEEN.matcher(trimmed);
    if (between.matches()) {
      return Optional.of(between(between.group(1), between.group(2)));
    }
    Matcher atLeast = BARE_AT_LEAST.matcher(trimmed);
    if (atLeast.matches()) {
      return Optional.of(atLeast.group(1) + "+ employees");
    }
    return Optional.empty();
  }

  private static String between(String a, String b) {
    long low = Long.parseLong(a);
    long high = Long.parseLong(b);
    return Math.min(low, high) + "-" + Math.max(low, high) + " employees";
  }
}
