package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code lead-enrichment}: finds the leads of one segment (the workflow fans out over the
 * translator's segments with {@code forEach}) at the lead provider.
 *
 * <p>Input {@code {"segment": {"id", "role", "industry", "location"}}}; output
 * {@code {"segment": "<id>", "provider": "<name>", "leads": [{id, name, email, title, company, location, ...}]}}.
 * Config: {@code provider} (which provider: "primary" unless set, e.g. "backup" in a fallback),
 * {@code providerUrl}, {@code timeout}, {@code limit} (see {@link ProviderSettings}).
 * The attempt's idempotency key goes to the provider as {@code Idempotency-Key}, so a redelivered
 * attempt is not charged twice. Failure codes are listed on {@link LeadSearchClient}.
 */
public final class LeadEnrichment implements StepHandler {
  public static final String NAME = "lead-enrichment";

  private final LeadSearchClient client;
  private final UnaryOperator<String> systemProperties;
  private final UnaryOperator<String> environment;

  /** The ServiceLoader constructor: reads the JVM's system properties and environment. */
  public LeadEnrichment() {
    this(new LeadSearchClient(LeadSearchClient.defaultHttpClient()), System::getProperty, System::getenv);
  }

  LeadEnrichment(LeadSearchClient client, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
    this.client = Objects.requireNonNull(client, "client");
    this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JsonNode handle(StepContext context) throws StepFailure, InterruptedException {
    JsonNode segment = context.input().path("segment");
    if (!segment.isObject()) {
      throw StepFailure.permanent("INVALID_INPUT", "input.segment: "
          + (segment.isMissingNode() ? "missing" : segment.toString())
          + " (expected: an object {id, role, industry, location} from audience-translator)");
    }
    ProviderSettings settings = ProviderSettings.resolve(context.config(), systemProperties, environment);
    context.heartbeat();
    JsonNode leads = client.search(settings, segment, context.idempotencyKey());
    context.heartbeat();
    ObjectNode output = Json.NODES.objectNode();
    output.set("segment", segment.path("id").isTextual() ? segment.get("id") : Json.NODES.nullNode());
    output.put("provider", settings.provider());
    output.set("leads", leads);
    return output;
  }
}
