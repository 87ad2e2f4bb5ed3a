package dev.baton.examples.lead;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical terms of one kind (roles, industries, ...) and the phrases that mean them.
 *
 * <p>Phrases match whole words, case-insensitively; with {@code plurals} every word of a phrase
 * also matches with a trailing "s"/"es" ("CTOs", "VPs of Engineering"). When phrases overlap,
 * the longest wins ("co-founder" over "founder"), so one stretch of text yields one term.
 */
final class TermList {
  private static final Set<String> FUNCTION_WORDS = Set.of("of", "and", "the", "for", "in", "at", "a");

  private record Alias(String canonical, String phrase, Pattern pattern) {}

  private record Hit(int start, int end, String canonical) {}

  private final List<Alias> aliasesLongestFirst;

  private TermList(List<Alias> aliases) {
    this.aliasesLongestFirst = aliases.stream()
        .sorted(Comparator.comparingInt((Alias a) -> a.phrase().length()).reversed())
        .toList();
  }

  static Builder builder(boolean plurals) {
    return new Builder(plurals);
  }

  /** The canonical terms found in {@code text}, in order of first appearance, without repeats. */
  List<String> findIn(String text) {
    Objects.requireNonNull(text, "text");
    List<Hit> hits = new ArrayList<>();
    for (Alias alias : aliasesLongestFirst) {
      Matcher m = alias.pattern().matcher(text);
      while (m.find()) {
        int start = m.start();
        int end = m.end();
        if (hits.stream().noneMatch(h -> start < h.end() && h.start() < end)) {
          hits.add(new Hit(start, end, alias.canonical()));
        }
      }
    }
    Set<String> terms = new LinkedHashSet<>();
    hits.stream().sorted(Comparator.comparingInt(Hit::start)).forEach(h -> terms.add(h.canonical()));
    return List.copyOf(terms);
  }

  /** The canonical term when the whole of {@code value} is one of the phrases. */
  Optional<String> canonical(String value) {
    String trimmed = value.trim();
    return aliasesLongestFirst.stream()
        .filter(a -> a.pattern().matcher(trimmed).matches())
        .map(Alias::canonical)
        .findFirst();
  }

  static final class Builder {
    private final boolean plurals;
    private final List<Alias> aliases = new ArrayList<>();

    private Builder(boolean plurals) {
      this.plurals = plurals;
    }

    /** A canonical term; the term itself always counts as one of its phrases. */
    Builder term(String canonical, String... phrases) {
      aliases.add(new Alias(canonical, canonical, compile(canonical)));
      for (String phrase : phrases) {
        aliases.add(new Alias(canonical, phrase, compile(phrase)));
      }
      return this;
    }

    TermList build() {
      return new TermList(aliases);
    }

    private Pattern compile(String phrase) {
      StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
      String[] words = phrase.trim().split("\\s+");
      for (int i = 0; i < words.length; i++) {
        if (i > 0) {
          regex.append("\\s+");
        }
        regex.append(Pattern.quote(words[i]));
        if (plurals && !FUNCTION_WORDS.contains(words[i].toLowerCase())) {
          regex.append("(?:s|es)?");
        }
      }
      regex.append("(?![\\p{L}\\p{N}])");
      return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
  }
}
