package dev.baton.examples.lead;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** One kind of audience criterion: its JSON name, the keys structured input uses for it, its terms. */
enum Criterion {
  ROLES("roles", AudienceVocabulary.ROLES,
      "role", "roles", "title", "titles", "jobtitle", "jobtitles", "persona", "personas", "position"),
  INDUSTRIES("industries", AudienceVocabulary.INDUSTRIES,
      "industry", "industries", "sector", "sectors", "vertical", "verticals", "market"),
  LOCATIONS("locations", AudienceVocabulary.LOCATIONS,
      "location", "locations", "city", "cities", "country", "countries", "region", "regions", "geo"),
  COMPANY_STAGE("companyStage", AudienceVocabulary.COMPANY_STAGES,
      "companystage", "stage", "stages", "companysize", "size", "employees", "headcount", "companytype");

  private final String jsonName;
  private final TermList terms;
  private final Set<String> keys;

  Criterion(String jsonName, TermList terms, String... keys) {
    this.jsonName = jsonName;
    this.terms = terms;
    this.keys = Set.of(keys);
  }

  String jsonName() {
    return jsonName;
  }

  /**
   * The criterion a structured key names; keys compare case-insensitively and ignore
   * everything but letters ("job_title", "Job-Title" and "jobTitle" are one key).
   */
  static Optional<Criterion> forKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String normalised = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return Arrays.stream(values()).filter(c -> c.keys.contains(normalised)).findFirst();
  }

  /** The canonical values of this criterion mentioned in free text, in order of appearance. */
  List<String> findIn(String text) {
    if (this != COMPANY_STAGE) {
      return terms.findIn(text);
    }
    List<String> found = new ArrayList<>(terms.findIn(text));
    found.addAll(EmployeeRange.findIn(text));
    return found;
  }

  /** The canonical value when all of {@code value} is one known term. */
  Optional<String> canonical(String value) {
    Optional<String> term = terms.canonical(value);
    return term.isPresent() || this != COMPANY_STAGE ? term : EmployeeRange.canonical(value);
  }
}
