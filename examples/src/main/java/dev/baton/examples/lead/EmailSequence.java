package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code email-sequence}: writes a personalised three-email sequence (day 0 intro, day 3
 * follow-up, day 7 break-up, see {@link EmailTemplate#SEQUENCE}) for every lead.
 *
 * <p>Input: {@code leads} (a flat list) and/or {@code enrichments} (lead-enrichment's forEach
 * output: a list of {@code {segment, leads}}; null elements are ignored), optional
 * {@code sender} (the signature). Output: {@code {"sequences": [{leadId, email, steps: [{day,
 * subject, body}]}], "count": n, "skipped": [{leadId, reason}]}}. A lead without a usable email,
 * or with an email already seen, is skipped and listed, not fatal; no leads at all gives count 0.
 */
public final class EmailSequence implements StepHandler {
  public static final String NAME = "email-sequence";
  static final String DEFAULT_SENDER = "The Baton team";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JsonNode handle(StepContext context) throws StepFailure {
    JsonNode input = context.input();
    String sender = input.path("sender").isTextual() && !input.path("sender").asText().isBlank()
        ? input.path("sender").asText().trim()
        : DEFAULT_SENDER;
    ArrayNode sequences = Json.NODES.arrayNode();
    ArrayNode skipped = Json.NODES.arrayNode();
    Map<String, String> leadIdByEmail = new HashMap<>();
    for (JsonNode lead : leads(input)) {
      String leadId = lead.path("id").isValueNode() ? lead.path("id").asText() : null;
      String reason = rejection(lead, leadIdByEmail);
      if (reason != null) {
        skipped.addObject().put("leadId", leadId).put("reason", reason);
        continue;
      }
      String email = lead.get("email").asText().trim();
      leadIdByEmail.put(email.toLowerCase(Locale.ROOT), String.valueOf(leadId));
      ObjectNode sequence = sequences.addObject().put("leadId", leadId).put("email", email);
      ArrayNode steps = sequence.putArray("steps");
      Map<String, String> fields = fields(lead, sender);
      for (EmailTemplate template : EmailTemplate.SEQUENCE) {
        EmailTemplate.RenderedEmail mail = template.render(fields);
        steps.addObject().put("day", mail.day()).put("subject", mail.subject()).put("body", mail.body());
      }
    }
    ObjectNode output = Json.NODES.objectNode();
    output.set("sequences", sequences);
    output.put("count", sequences.size());
    output.set("skipped", skipped);
    return output;
  }

  private static List<JsonNode> leads(JsonNode input) throws StepFailure {
    List<JsonNode> leads = new ArrayList<>();
    JsonNode flat = input.path("leads");
    if (!flat.isMissingNode() && !flat.isNull()) {
      leads.addAll(list(flat, "input.leads", "a list of leads"));
    }
    JsonNode enrichments = input.path("enrichments");
    if (!enrichments.isMissingNode() && !enrichments.isNull()) {
      List<JsonNode> items = list(enrichments, "input.enrichments", "lead-enrichment's forEach output");
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (item.isNull()) {
          continue; // a forEach element that produced no output
        }
        leads.addAll(list(item.path("leads"), "input.enrichments[" + i + "].leads", "a list of leads"));
      }
    }
    return leads;
  }

  private static List<JsonNode> list(JsonNode node, String field, String expected) throws StepFailure {
    if (!node.isArray()) {
      throw StepFailure.permanent("INVALID_INPUT", field + ": "
          + (node.isMissingNode() ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT))
          + " (expected: " + expected + ")");
    }
    List<JsonNode> elements = new ArrayList<>();
    node.forEach(elements::add);
    return elements;
  }

  /** Why a lead gets no sequence, or null when it gets one. */
  private static String rejection(JsonNode lead, Map<String, String> leadIdByEmail) {
    if (!lead.isObject()) {
      return "not a lead object: " + lead;
    }
    JsonNode email = lead.path("email");
    if (!email.isTextual() || email.asText().isBlank()) {
      return "missing email";
    }
    String address = email.asText().trim();
    if (!EMAIL.matcher(address).matches()) {
      return "invalid email '" + address + "'";
    }
    String firstLead = leadIdByEmail.get(address.toLowerCase(Locale.ROOT));
    return firstLead == null ? null : "duplicate email (already in the sequence of lead " + firstLead + ")";
  }

  private static Map<String, String> fields(JsonNode lead, String sender) {
    String name = text(lead, "name", "");
    String firstName = name.isBlank() ? "there" : name.trim().split("\\s+")[0];
    return Map.of(
        "firstName", firstName,
        "title", text(lead, "title", "a leader"),
        "company", text(lead, "company", "your company"),
        "industry", text(lead, "industry", "your market"),
        "sender", sender);
  }

  private static String text(JsonNode lead, String field, String fallback) {
    JsonNode value = lead.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : fallback;
  }
}
