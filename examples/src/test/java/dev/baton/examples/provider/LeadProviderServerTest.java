package dev.baton.examples.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider's HTTP API, as a client outside the JVM would use it. */
class LeadProviderServerTest {
  private static final String QUERY = "{\"role\": \"CEO\", \"industry\": \"saas\", \"location\": \"London\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private LeadProviderServer provider;

  @BeforeEach
  void start() {
    provider = LeadProviderServer.start(0);
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.url() + path))
        .header("content-type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void searchIsDeterministicPerQueryWithOneToFiveLeads() throws Exception {
    HttpResponse<String> first = call("POST", "/v1/leads/search", QUERY);
    HttpResponse<String> second = call("POST", "/v1/leads/search", QUERY);
    HttpResponse<String> other = call("POST", "/v1/leads/search", "{\"role\": \"CFO\", \"location\": \"Paris\"}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    JsonNode leads = Json.parse(first.body()).path("leads");
    assertThat(leads.size()).isBetween(1, 5);
    leads.forEach(lead -> assertThat(lead.fieldNames()).toIterable()
        .contains("id", "name", "email", "title", "company", "location"));
    assertThat(other.body()).isNotEqualTo(first.body());
  }

  @Test
  void limitCapsTheLeads() throws Exception {
    HttpResponse<String> response = call("POST", "/v1/leads/search", "{\"industry\": \"fintech\", \"limit\": 1}");

    assertThat(Json.parse(response.body()).path("leads")).hasSize(1);
  }

  @Test
  void faultsSetOverHttpFailWithTheConfiguredStatusAndAreCounted() throws Exception {
    HttpResponse<String> set = call("POST", "/admin/faults", "{\"failNext\": 2, \"status\": 502}");
    HttpResponse<String> failed = call("POST", "/v1/leads/search", QUERY);
    call("POST", "/v1/leads/search", QUERY);
    HttpResponse<String> recovered = call("POST", "/v1/leads/search", QUERY);
    HttpResponse<String> stats = call("GET", "/admin/stats", null);

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(Json.parse(failed.body()).path("error").path("code").asText()).isEqualTo("INJECTED_FAULT");
    assertThat(recovered.statusCode()).isEqualTo(200);
    assertThat(Json.parse(stats.body())).isEqualTo(Json.parse("{\"requests\":3,\"failures\":2,\"replays\":0}"));
  }

  @Test
  void failureRateOneFailsEveryRequestUntilFaultsAreDeleted() throws Exception {
    call("POST", "/admin/faults", "{\"failureRate\": 1.0}");
    assertThat(call("POST", "/v1/leads/search", QUERY).statusCode()).isEqualTo(503);

    assertThat(call("DELETE", "/admin/faults", null).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/v1/leads/search", QUERY).statusCode()).isEqualTo(200);
    assertThat(provider.faults()).isEqualTo(Faults.NONE);
  }

  @Test
  void failedRequestsAreNotCachedUnderTheirIdempotencyKey() throws Exception {
    provider.faults(Faults.failNext(1, 503));
    HttpRequest request = HttpRequest.newBuilder(URI.create(provider.url() + "/v1/leads/search"))
        .header("Idempotency-Key", "k-1")
        .POST(HttpRequest.BodyPublishers.ofString(QUERY))
        .build();

    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(provider.stats()).isEqualTo(new ProviderStats(2, 1, 1));
  }

  @Test
  void invalidFaultsAreRejectedNamingTheField() throws Exception {
    HttpResponse<String> response = call("POST", "/admin/faults", "{\"failureRate\": 1.5}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.parse(response.body()).path("error").path("message").asText())
        .isEqualTo("failureRate: 1.5 (expected: 0..1)");
    assertThatThrownBy(() -> new Faults(0, 0, 0, 200)).hasMessage("status: 200 (expected: an HTTP error status 400..599)");
  }

  @Test
  void malformedSearchBodyIs400() throws Exception {
    HttpResponse<String> response = call("POST", "/v1/leads/search", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.parse(response.body()).path("error").path("code").asText()).isEqualTo("INVALID_QUERY");
  }

  @Test
  void closeIsSafeTwice() {
    provider.close();
    provider.close();
  }
}
