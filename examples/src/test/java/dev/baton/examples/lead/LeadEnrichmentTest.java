package dev.baton.examples.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.examples.provider.Faults;
import dev.baton.examples.provider.LeadProviderServer;
import dev.baton.examples.provider.ProviderStats;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.testing.TestStepContext;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeadEnrichmentTest {
  private static final String SEGMENT =
      "{\"segment\": {\"id\": \"cto-fintech-berlin\", \"role\": \"CTO\", \"industry\": \"fintech\", \"location\": \"Berlin\"}}";

  private final LeadEnrichment enrichment = new LeadEnrichment();
  private LeadProviderServer provider;

  @BeforeEach
  void startProvider() {
    provider = LeadProviderServer.start(0);
  }

  @AfterEach
  void stopProvider() {
    provider.close();
  }

  private TestStepContext context(String input) {
    return TestStepContext.of(input, "{\"providerUrl\": \"" + provider.url() + "\"}");
  }

  private TestStepContext context(String input, String idempotencyKey) {
    return TestStepContext.builder().input(input).config("{\"providerUrl\": \"" + provider.url() + "\"}")
        .idempotencyKey(idempotencyKey).build();
  }

  private static Consumer<StepFailure> failure(String code, boolean retryable) {
    return f -> {
      assertThat(f.code()).isEqualTo(code);
      assertThat(f.retryable()).isEqualTo(retryable);
      // only the provider's own failures count towards its circuit breaker; 429 and 4xx do not
      assertThat(f.providerFault()).as("provider fault").isEqualTo(code.startsWith("PROVIDER_"));
    };
  }

  @Test
  void returnsTheSegmentsLeadsAndHeartbeatsAroundTheCall() throws Exception {
    TestStepContext context = context(SEGMENT);

    JsonNode out = enrichment.handle(context);

    assertThat(out.path("segment").asText()).isEqualTo("cto-fintech-berlin");
    assertThat(out.path("leads").size()).isBetween(1, 5);
    JsonNode lead = out.path("leads").get(0);
    assertThat(lead.path("title").asText()).isEqualTo("CTO");
    assertThat(lead.path("location").asText()).isEqualTo("Berlin");
    assertThat(lead.path("email").asText()).contains("@");
    assertThat(context.heartbeats()).isEqualTo(2);
    assertThat(enrichment.handle(context(SEGMENT, "other")).path("leads"))
        .as("the provider is deterministic per query").isEqualTo(out.path("leads"));
  }

  @Test
  void provider503IsRetryableProviderDown() {
    provider.faults(Faults.failNext(1, 503));

    assertThatThrownBy(() -> enrichment.handle(context(SEGMENT)))
        .isInstanceOfSatisfying(StepFailure.class, failure("PROVIDER_DOWN", true))
        .hasMessageContaining("answered 503");
  }

  @Test
  void provider429IsRetryableRateLimited() {
    provider.faults(Faults.failNext(1, 429));

    assertThatThrownBy(() -> enrichment.handle(context(SEGMENT)))
        .isInstanceOfSatisfying(StepFailure.class, failure("RATE_LIMITED", true));
  }

  @Test
  void provider400ForAnUnsearchableSegmentIsPermanentInvalidLead() {
    assertThatThrownBy(() -> enrichment.handle(context("{\"segment\": {\"id\": \"any-any-berlin\", \"location\": \"Berlin\"}}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_LEAD", false))
        .hasMessageContaining("answered 400")
        .hasMessageContaining("role, industry: both missing");
  }

  @Test
  void provider404IsPermanentInvalidLead() {
    TestStepContext wrongPath = TestStepContext.of(SEGMENT, "{\"providerUrl\": \"" + provider.url() + "/nowhere\"}");

    assertThatThrownBy(() -> enrichment.handle(wrongPath))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_LEAD", false))
        .hasMessageContaining("answered 404");
  }

  @Test
  void failNextFailsThatManyAttemptsThenSucceeds() throws Exception {
    provider.faults(Faults.failNext(2, 503));

    for (int attempt = 1; attempt <= 2; attempt++) {
      TestStepContext context = context(SEGMENT, "exec-1/enrich[0]/" + attempt);
      assertThatThrownBy(() -> enrichment.handle(context))
          .isInstanceOfSatisfying(StepFailure.class, failure("PROVIDER_DOWN", true));
    }
    JsonNode out = enrichment.handle(context(SEGMENT, "exec-1/enrich[0]/3"));

    assertThat(out.path("leads").size()).isPositive();
    assertThat(provider.stats()).isEqualTo(new ProviderStats(3, 2, 0));
  }

  @Test
  void repeatedIdempotencyKeyIsAnsweredOnceAndReplayed() throws Exception {
    JsonNode first = enrichment.handle(context(SEGMENT, "exec-9/enrich[2]/1"));
    JsonNode again = enrichment.handle(context(SEGMENT, "exec-9/enrich[2]/1"));

    assertThat(again).isEqualTo(first);
    assertThat(provider.stats()).isEqualTo(new ProviderStats(1, 0, 1));
  }

  @Test
  void slowProviderIsRetryableProviderTimeout() {
    provider.faults(Faults.latency(2_000));
    TestStepContext context = TestStepContext.of(SEGMENT,
        "{\"providerUrl\": \"" + provider.url() + "\", \"timeout\": \"200ms\"}");

    assertThatThrownBy(() -> enrichment.handle(context))
        .isInstanceOfSatisfying(StepFailure.class, failure("PROVIDER_TIMEOUT", true))
        .hasMessageContaining("within 200ms");
  }

  @Test
  void unreachableProviderIsRetryableProviderDown() {
    String url = provider.url();
    provider.close();

    assertThatThrownBy(() -> enrichment.handle(TestStepContext.of(SEGMENT, "{\"providerUrl\": \"" + url + "\"}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("PROVIDER_DOWN", true));
  }

  @Test
  void providerUrlFallsBackToSystemPropertyThenEnvironment() throws Exception {
    LeadEnrichment fromProperty = new LeadEnrichment(
        new LeadSearchClient(LeadSearchClient.defaultHttpClient()),
        Map.of(ProviderSettings.URL_PROPERTY, provider.url())::get,
        Map.of(ProviderSettings.URL_VARIABLE, "http://127.0.0.1:1")::get);
    LeadEnrichment fromEnvironment = new LeadEnrichment(
        new LeadSearchClient(LeadSearchClient.defaultHttpClient()),
        name -> null,
        Map.of(ProviderSettings.URL_VARIABLE, provider.url())::get);

    assertThat(fromProperty.handle(TestStepContext.of(SEGMENT)).path("leads").size()).isPositive();
    assertThat(fromEnvironment.handle(TestStepContext.of(SEGMENT)).path("leads").size()).isPositive();
    assertThat(provider.stats().requests()).as("the second call replays the first one's key").isEqualTo(1);
  }

  @Test
  void theProviderSwitchCallsTheNamedProvidersUrlAndTheOutputSaysWhichAnswered() throws Exception {
    try (LeadProviderServer backup = LeadProviderServer.start(0)) {
      LeadEnrichment configured = new LeadEnrichment(
          new LeadSearchClient(LeadSearchClient.defaultHttpClient()),
          Map.of(ProviderSettings.URL_PROPERTY, provider.url(), "baton.leadProvider.backup.url", backup.url())::get,
          name -> null);

      JsonNode fromBackup = configured.handle(TestStepContext.of(SEGMENT, "{\"provider\": \"backup\"}"));
      JsonNode fromPrimary = configured.handle(
          TestStepContext.builder().input(SEGMENT).idempotencyKey("other").build());

      assertThat(fromBackup.path("provider").asText()).isEqualTo("backup");
      assertThat(fromPrimary.path("provider").asText()).isEqualTo("primary");
      assertThat(backup.stats().requests()).isEqualTo(1);
      assertThat(provider.stats().requests()).isEqualTo(1);
    }
  }

  @Test
  void aProviderOtherThanThePrimaryHasNoDefaultUrl() {
    LeadEnrichment unconfigured = new LeadEnrichment(new LeadSearchClient(LeadSearchClient.defaultHttpClient()),
        name -> null, Map.of("BATON_LEAD_PROVIDER_BACKUP_EU_URL", provider.url())::get);

    assertThatThrownBy(() -> unconfigured.handle(TestStepContext.of(SEGMENT, "{\"provider\": \"backup\"}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_CONFIG", false))
        .hasMessage("config.provider: 'backup' has no URL (expected: config.providerUrl, system property "
            + "baton.leadProvider.backup.url or environment variable BATON_LEAD_PROVIDER_BACKUP_URL)");
    assertThatThrownBy(() -> unconfigured.handle(TestStepContext.of(SEGMENT, "{\"provider\": \"Backup EU\"}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_CONFIG", false))
        .hasMessageStartingWith("config.provider: \"Backup EU\"");
  }

  @Test
  void aProviderNameWithADashReadsItsUrlFromTheEnvironmentWithAnUnderscore() throws Exception {
    LeadEnrichment fromEnvironment = new LeadEnrichment(new LeadSearchClient(LeadSearchClient.defaultHttpClient()),
        name -> null, Map.of("BATON_LEAD_PROVIDER_BACKUP_EU_URL", provider.url())::get);

    JsonNode out = fromEnvironment.handle(TestStepContext.of(SEGMENT, "{\"provider\": \"backup-eu\"}"));

    assertThat(out.path("provider").asText()).isEqualTo("backup-eu");
  }

  @Test
  void badConfigAndMissingSegmentArePermanent() {
    assertThatThrownBy(() -> enrichment.handle(TestStepContext.of(SEGMENT, "{\"timeout\": \"soon\"}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_CONFIG", false))
        .hasMessageStartingWith("config.timeout: 'soon'");
    assertThatThrownBy(() -> enrichment.handle(TestStepContext.of(SEGMENT, "{\"providerUrl\": \"localhost:7240\"}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_CONFIG", false))
        .hasMessageStartingWith("config.providerUrl: 'localhost:7240'");
    assertThatThrownBy(() -> enrichment.handle(context("{}")))
        .isInstanceOfSatisfying(StepFailure.class, failure("INVALID_INPUT", false))
        .hasMessageStartingWith("input.segment: missing");
  }
}
