package dev.baton.examples.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceTranslatorTest {
  private final AudienceTranslator translator = new AudienceTranslator();

  private JsonNode translate(String text) throws StepFailure {
    ObjectNode input = Json.NODES.objectNode().put("text", text);
    return translator.handle(TestStepContext.of(input.toString()));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.isNull() ? null : v.asText()));
    return values;
  }

  @Test
  void naturalLanguageBerlinExampleGivesOneSegment() throws Exception {
    JsonNode out = translate("CTOs of fintech startups in Berlin");

    assertThat(out.path("format").asText()).isEqualTo("natural");
    assertThat(strings(out.path("criteria").path("roles"))).containsExactly("CTO");
    assertThat(strings(out.path("criteria").path("industries"))).containsExactly("fintech");
    assertThat(strings(out.path("criteria").path("companyStage"))).containsExactly("startup");
    assertThat(strings(out.path("criteria").path("locations"))).containsExactly("Berlin");
    assertThat(out.path("segments")).hasSize(1);
    assertThat(out.path("segments").get(0)).isEqualTo(Json.parse(
        "{\"id\":\"cto-fintech-berlin\",\"role\":\"CTO\",\"industry\":\"fintech\",\"location\":\"Berlin\"}"));
    assertThat(out.path("truncated").asBoolean()).isFalse();
  }

  @Test
  void naturalLanguageWithSeveralRolesAndCitiesGivesTheirProductInMentionOrder() throws Exception {
    JsonNode out = translate(
        "Founders, CTOs and VPs of Engineering at SaaS scale-ups with 50-200 employees in London, Paris and NYC");

    assertThat(strings(out.path("criteria").path("roles"))).containsExactly("Founder", "CTO", "VP Engineering");
    assertThat(strings(out.path("criteria").path("industries"))).containsExactly("saas");
    assertThat(strings(out.path("criteria").path("companyStage"))).containsExactly("scale-up", "50-200 employees");
    assertThat(strings(out.path("criteria").path("locations"))).containsExactly("London", "Paris", "New York");
    List<String> ids = new ArrayList<>();
    out.path("segments").forEach(s -> ids.add(s.path("id").asText()));
    assertThat(ids).containsExactly(
        "founder-saas-london", "founder-saas-paris", "founder-saas-new_york",
        "cto-saas-london", "cto-saas-paris", "cto-saas-new_york",
        "vp_engineering-saas-london", "vp_engineering-saas-paris", "vp_engineering-saas-new_york");
  }

  @Test
  void longestPhraseWinsAndPluralsOfMultiWordRolesMatch() throws Exception {
    JsonNode out = translate("co-founders and marketing managers of e-commerce companies in Germany");

    assertThat(strings(out.path("criteria").path("roles"))).containsExactly("Founder", "Marketing Manager");
    assertThat(strings(out.path("criteria").path("industries"))).containsExactly("e-commerce");
    assertThat(strings(out.path("criteria").path("locations"))).containsExactly("Germany");
  }

  @Test
  void segmentsAreCappedAtTwentyAndMarkedTruncated() throws Exception {
    JsonNode out = translate("CEOs, CTOs and CFOs of fintech and saas companies in Berlin, London, Paris, Madrid");

    assertThat(SegmentPlanner.uncappedCount(new AudienceCriteria(
        List.of("CEO", "CTO", "CFO"), List.of("fintech", "saas"), List.of("a", "b", "c", "d"), List.of())))
        .isEqualTo(24);
    assertThat(out.path("segments")).hasSize(SegmentPlanner.MAX_SEGMENTS);
    assertThat(out.path("truncated").asBoolean()).isTrue();
    assertThat(out.path("segments").get(0).path("id").asText()).isEqualTo("ceo-fintech-berlin");
  }

  @Test
  void jsonTextReadsKnownKeysAndKeepsUnknownValuesVerbatim() throws Exception {
    JsonNode out = translate("""
        {"roles": ["CTOs", "Chief Happiness Officer"], "industry": "fintech",
         "locations": "Berlin, Tallinn", "companySize": "50-200", "notes": "prefer scale-ups"}""");

    assertThat(out.path("format").asText()).isEqualTo("json");
    assertThat(strings(out.path("criteria").path("roles"))).containsExactly("CTO", "Chief Happiness Officer");
    assertThat(strings(out.path("criteria").path("industries"))).containsExactly("fintech");
    assertThat(strings(out.path("criteria").path("locations"))).containsExactly("Berlin", "Tallinn");
    assertThat(strings(out.path("criteria").path("companyStage"))).containsExactly("50-200 employees", "scale-up");
    assertThat(out.path("segments")).hasSize(4);
  }

  @Test
  void audienceObjectIsAcceptedAsJsonWithoutText() throws Exception {
    JsonNode out = translator.handle(TestStepContext.of("{\"audience\": {\"role\": \"CEO\", \"city\": \"Paris\"}}"));

    assertThat(out.path("format").asText()).isEqualTo("json");
    assertThat(out.path("segments").get(0).path("id").asText()).isEqualTo("ceo-any-paris");
  }

  @Test
  void csvWithHeaderReadsColumnsAndWithoutHeaderReadsCellsAsText() throws Exception {
    JsonNode withHeader = translate("role,industry,location\nCTO,fintech,Berlin\nVP Sales,healthtech,London\n");
    JsonNode withoutHeader = translate("CTO,fintech,Berlin\nCEO,saas,Lisbon");

    assertThat(withHeader.path("format").asText()).isEqualTo("csv");
    assertThat(strings(withHeader.path("criteria").path("roles"))).containsExactly("CTO", "VP Sales");
    assertThat(strings(withHeader.path("criteria").path("industries"))).containsExactly("fintech", "healthtech");
    assertThat(strings(withHeader.path("criteria").path("locations"))).containsExactly("Berlin", "London");
    assertThat(withHeader.path("segments")).hasSize(8);
    assertThat(withoutHeader.path("format").asText()).isEqualTo("csv");
    assertThat(strings(withoutHeader.path("criteria").path("roles"))).containsExactly("CTO", "CEO");
    assertThat(strings(withoutHeader.path("criteria").path("locations"))).containsExactly("Berlin", "Lisbon");
  }

  @Test
  void formEncodedDecodesRepeatedKeysAndCommaLists() throws Exception {
    JsonNode out = translate("role=CTO&role=Head+of+Marketing&industry=healthtech&location=New%20York,London");

    assertThat(out.path("format").asText()).isEqualTo("form");
    assertThat(strings(out.path("criteria").path("roles"))).containsExactly("CTO", "Head of Marketing");
    assertThat(strings(out.path("criteria").path("locations"))).containsExactly("New York", "London");
    assertThat(out.path("segments")).hasSize(4);
  }

  @Test
  void unrecognisedAudienceGivesEmptyCriteriaAndNoSegments() throws Exception {
    JsonNode out = translate("people who like gardening");

    assertThat(out.path("criteria")).isEqualTo(Json.parse(
        "{\"roles\":[],\"industries\":[],\"locations\":[],\"companyStage\":[]}"));
    assertThat(out.path("segments")).isEmpty();
  }

  @Test
  void locationWithoutRoleOrIndustryGivesNoSegments() throws Exception {
    JsonNode out = translate("anyone in Berlin");

    assertThat(strings(out.path("criteria").path("locations"))).containsExactly("Berlin");
    assertThat(out.path("segments")).isEmpty();
  }

  @Test
  void blankOrMissingTextIsAPermanentInvalidInput() {
    assertThatThrownBy(() -> translate("   "))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_INPUT");
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).startsWith("input.text: blank (expected: an audience description");
        });
    assertThatThrownBy(() -> translator.handle(TestStepContext.of("{}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.getMessage()).startsWith("input.text: missing"));
  }

  @Test
  void malformedJsonIsAPermanentInvalidInputNamingTheField() {
    assertThatThrownBy(() -> translate("{\"roles\": [\"CTO\""))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_INPUT");
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).startsWith("input.text: looks like JSON but is not valid JSON");
        });
  }
}
