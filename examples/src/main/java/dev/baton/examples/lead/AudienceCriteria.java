package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What an audience description asks for; each list is in order of first mention, without repeats. */
record AudienceCriteria(
    List<String> roles, List<String> industries, List<String> locations, List<String> companyStage) {

  AudienceCriteria {
    roles = List.copyOf(roles);
    industries = List.copyOf(industries);
    locations = List.copyOf(locations);
    companyStage = List.copyOf(companyStage);
  }

  boolean isEmpty() {
    return roles.isEmpty() && industries.isEmpty() && locations.isEmpty() && companyStage.isEmpty();
  }

  ObjectNode toJson() {
    ObjectNode json = Json.NODES.objectNode();
    json.set(Criterion.ROLES.jsonName(), Json.fromJava(roles));
    json.set(Criterion.INDUSTRIES.jsonName(), Json.fromJava(industries));
    json.set(Criterion.LOCATIONS.jsonName(), Json.fromJava(locations));
    json.set(Criterion.COMPANY_STAGE.jsonName(), Json.fromJava(companyStage));
    return json;
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder {
    private final Map<Criterion, Set<String>> values = new EnumMap<>(Criterion.class);

    private Builder() {
      for (Criterion criterion : Criterion.values()) {
        values.put(criterion, new LinkedHashSet<>());
      }
    }

    Builder add(Criterion criterion, String value) {
      values.get(criterion).add(value);
      return this;
    }

    AudienceCriteria build() {
      return new AudienceCriteria(
          List.copyOf(values.get(Criterion.ROLES)),
          List.copyOf(values.get(Criterion.INDUSTRIES)),
          List.copyOf(values.get(Criterion.LOCATIONS)),
          List.copyOf(values.get(Criterion.COMPANY_STAGE)));
    }
  }
}
