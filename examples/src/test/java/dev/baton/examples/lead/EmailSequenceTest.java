package dev.baton.examples.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import org.junit.jupiter.api.Test;

class EmailSequenceTest {
  private static final String ADA = "{\"id\": \"lead-1\", \"name\": \"Ada Lovelace\", \"email\": \"ada@engines.example\","
      + " \"title\": \"CTO\", \"company\": \"Analytical Engines\", \"industry\": \"fintech\", \"location\": \"London\"}";
  private static final String GRACE = "{\"id\": \"lead-2\", \"name\": \"Grace Hopper\", \"email\": \"grace@cobol.example\","
      + " \"title\": \"VP Engineering\", \"company\": \"Cobol Works\"}";

  private final EmailSequence handler = new EmailSequence();

  @Test
  void writesThreePersonalisedEmailsPerLead() throws Exception {
    JsonNode out = handler.handle(TestStepContext.of("{\"leads\": [" + ADA + "], \"sender\": \"Sam from Baton\"}"));

    assertThat(out.path("count").asInt()).isEqualTo(1);
    JsonNode sequence = out.path("sequences").get(0);
    assertThat(sequence.path("leadId").asText()).isEqualTo("lead-1");
    assertThat(sequence.path("email").asText()).isEqualTo("ada@engines.example");
    JsonNode steps = sequence.path("steps");
    assertThat(steps).hasSize(3);
    assertThat(steps.findValuesAsText("day")).containsExactly("0", "3", "7");
    assertThat(steps.get(0).path("subject").asText()).isEqualTo("Quick question about Analytical Engines");
    assertThat(steps.get(0).path("body").asText())
        .startsWith("Hi Ada,")
        .contains("As CTO at Analytical Engines", "in fintech")
        .endsWith("Best,\nSam from Baton")
        .doesNotContain("{{");
    assertThat(steps.get(2).path("subject").asText()).isEqualTo("Closing the loop, Ada");
    assertThat(out.path("skipped")).isEmpty();
  }

  @Test
  void readsLeadsFromEnrichmentsAndFillsGapsWithNeutralWords() throws Exception {
    JsonNode out = handler.handle(TestStepContext.of("{\"enrichments\": ["
        + "{\"segment\": \"cto-fintech-london\", \"leads\": [" + ADA + "]}, null,"
        + "{\"segment\": \"vp-any-any\", \"leads\": [" + GRACE + ", {\"id\": \"lead-3\", \"email\": \"x@y.example\"}]}]}"));

    assertThat(out.path("count").asInt()).isEqualTo(3);
    assertThat(out.path("sequences").findValuesAsText("leadId")).containsExactly("lead-1", "lead-2", "lead-3");
    assertThat(out.path("sequences").get(1).path("steps").get(1).path("body").asText())
        .contains("Other your market teams").endsWith("The Baton team");
    assertThat(out.path("sequences").get(2).path("steps").get(0).path("body").asText())
        .startsWith("Hi there,").contains("As a leader at your company");
  }

  @Test
  void leadsWithoutUsableOrWithRepeatedEmailsAreSkippedAndListed() throws Exception {
    JsonNode out = handler.handle(TestStepContext.of("{\"leads\": [" + ADA + ","
        + "{\"id\": \"lead-4\", \"name\": \"No Mail\"},"
        + "{\"id\": \"lead-5\", \"email\": \"not-an-address\"},"
        + "{\"id\": \"lead-6\", \"email\": \"ADA@engines.example\"}, 42]}"));

    assertThat(out.path("count").asInt()).isEqualTo(1);
    assertThat(out.path("skipped")).isEqualTo(Json.parse("""
        [{"leadId": "lead-4", "reason": "missing email"},
         {"leadId": "lead-5", "reason": "invalid email 'not-an-address'"},
         {"leadId": "lead-6", "reason": "duplicate email (already in the sequence of lead lead-1)"},
         {"leadId": null, "reason": "not a lead object: 42"}]"""));
  }

  @Test
  void noLeadsGivesCountZero() throws Exception {
    JsonNode out = handler.handle(TestStepContext.of("{\"enrichments\": []}"));

    assertThat(out).isEqualTo(Json.parse("{\"sequences\": [], \"count\": 0, \"skipped\": []}"));
  }

  @Test
  void leadsThatAreNotAListArePermanentInvalidInput() {
    assertThatThrownBy(() -> handler.handle(TestStepContext.of("{\"enrichments\": [{\"segment\": \"s\"}]}")))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_INPUT");
          assertThat(f.retryable()).isFalse();
        })
        .hasMessage("input.enrichments[0].leads: missing (expected: a list of leads)");
  }
}
