package dev.baton.examples.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.examples.provider.Faults;
import dev.baton.examples.provider.LeadProviderServer;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import org.junit.jupiter.api.Test;

/**
 * The three handlers chained the way lead-pipeline.yaml chains them (translate -> enrich per
 * segment -> email), with a retry loop standing in for the orchestrator's retry policy.
 */
class LeadPipelineHandlersTest {
  @Test
  void audienceTextBecomesOneSequencePerLeadDespiteAFlakyProvider() throws Exception {
    try (LeadProviderServer provider = LeadProviderServer.start(0)) {
      provider.faults(Faults.failNext(2, 503));
      JsonNode translated = new AudienceTranslator().handle(
          TestStepContext.of("{\"text\": \"CTOs and CEOs of fintech startups in Berlin and London\"}"));

      ArrayNode enrichments = Json.NODES.arrayNode();
      LeadEnrichment enrichment = new LeadEnrichment();
      String config = "{\"providerUrl\": \"" + provider.url() + "\"}";
      for (int item = 0; item < translated.path("segments").size(); item++) {
        ObjectNode input = Json.NODES.objectNode();
        input.set("segment", translated.path("segments").get(item));
        enrichments.add(withRetries(enrichment, input.toString(), config, item));
      }
      ObjectNode emailInput = Json.NODES.objectNode();
      emailInput.set("enrichments", enrichments);
      JsonNode emails = new EmailSequence().handle(TestStepContext.of(emailInput.toString()));

      int leads = 0;
      for (JsonNode e : enrichments) {
        leads += e.path("leads").size();
      }
      assertThat(translated.path("segments")).hasSize(4);
      assertThat(emails.path("count").asInt()).isEqualTo(leads).isPositive();
      assertThat(provider.stats().failures()).isEqualTo(2);
    }
  }

  private static JsonNode withRetries(LeadEnrichment handler, String input, String config, int item) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return handler.handle(TestStepContext.builder().input(input).config(config)
            .executionId("e").stepId("enrich").itemIndex(item).attempt(attempt).build());
      } catch (StepFailure failure) {
        if (!failure.retryable() || attempt == 4) {
          throw failure;
        }
      }
    }
  }
}
