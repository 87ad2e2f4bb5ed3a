package dev.baton.examples.lead;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns free text or structured fields into {@link AudienceCriteria} with the vocabulary's rules. */
final class CriteriaExtractor {
  /** Structured values may list several items in one string: "CTO, CEO" or "Berlin; Paris". */
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;|]");

  private CriteriaExtractor() {}

  static AudienceCriteria fromText(String text) {
    AudienceCriteria.Builder criteria = AudienceCriteria.builder();
    addMentions(criteria, text);
    return criteria.build();
  }

  /**
   * Values under a known key belong to that criterion: a known term is canonicalised, a text
   * that mentions known terms contributes those, anything else is kept verbatim (the user named
   * the field, so an unknown city is still a city). Values under other keys are free text.
   */
  static AudienceCriteria fromFields(List<AudienceField> fields) {
    AudienceCriteria.Builder criteria = AudienceCriteria.builder();
    for (AudienceField field : fields) {
      Optional<Criterion> criterion = Criterion.forKey(field.key());
      if (criterion.isEmpty()) {
        addMentions(criteria, field.value());
        continue;
      }
      for (String part : LIST_SEPARATOR.split(field.value())) {
        addValue(criteria, criterion.get(), part.trim());
      }
    }
    return criteria.build();
  }

  private static void addMentions(AudienceCriteria.Builder criteria, String text) {
    for (Criterion criterion : Criterion.values()) {
      criterion.findIn(text).forEach(value -> criteria.add(criterion, value));
    }
  }

  private static void addValue(AudienceCriteria.Builder criteria, Criterion criterion, String value) {
    if (value.isEmpty()) {
      return;
    }
    Optional<String> canonical = criterion.canonical(value);
    if (canonical.isPresent()) {
      criteria.add(criterion, canonical.get());
      return;
    }
    List<String> mentioned = criterion.findIn(value);
    if (mentioned.isEmpty()) {
      criteria.add(criterion, value);
    } else {
      mentioned.forEach(v -> criteria.add(criterion, v));
    }
  }
}
