package dev.baton.examples.provider;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Invents plausible leads for a query. The same query always yields the same 1-5 leads (a random
 * generator seeded with a hash of role, industry and location), so tests and demos can rely on them.
 */
final class LeadGenerator {
  private static final List<String> FIRST_NAMES = List.of(
      "Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Ken", "Frances", "Dennis", "Radia",
      "Tim", "Katherine", "Edsger", "Hedy", "John", "Sophie", "Leslie", "Anita", "Niklaus", "Joan");
  private static final List<String> LAST_NAMES = List.of(
      "Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Thompson", "Allen",
      "Ritchie", "Perlman", "Berners", "Johnson", "Dijkstra", "Lamarr", "Backus", "Wilson",
      "Lamport", "Borg", "Wirth", "Clarke");
  private static final List<String> COMPANY_WORDS = List.of(
      "Northwind", "Bluefin", "Kestrel", "Lumen", "Orbital", "Quartz", "Tandem", "Vantage",
      "Helix", "Juniper", "Meridian", "Sable");
  private static final List<String> COMPANY_SUFFIXES = List.of("Labs", "Systems", "Works", "Cloud", "Hub", "Group");
  private static final List<String> CITIES = List.of("Berlin", "London", "Paris", "Amsterdam", "New York", "Lisbon");
  private static final List<String> TITLES = List.of("CEO", "CTO", "Founder", "Head of Sales", "VP Engineering");

  private LeadGenerator() {}

  static JsonArray leads(LeadQuery query) {
    String seedText = String.join("|", lower(query.role()), lower(query.industry()), lower(query.location()));
    byte[] digest = sha256(seedText);
    Random random = new Random(ByteBuffer.wrap(digest).getLong());
    int count = Math.min(1 + random.nextInt(5), query.limit());
    JsonArray leads = new JsonArray();
    for (int i = 0; i < count; i++) {
      leads.add(lead(query, random, HexFormat.of().formatHex(sha256(seedText + "#" + i), 0, 6)));
    }
    return leads;
  }

  private static JsonObject lead(LeadQuery query, Random random, String idSuffix) {
    String first = pick(FIRST_NAMES, random);
    String last = pick(LAST_NAMES, random);
    String company = pick(COMPANY_WORDS, random) + " " + pick(COMPANY_SUFFIXES, random);
    String domain = company.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
    JsonObject lead = new JsonObject()
        .put("id", "lead-" + idSuffix)
        .put("name", first + " " + last)
        .put("email", (first + "." + last).toLowerCase(Locale.ROOT) + "@" + domain)
        .put("title", query.role() != null ? query.role() : pick(TITLES, random))
        .put("company", company)
        .put("location", query.location() != null ? query.location() : pick(CITIES, random));
    if (query.industry() != null) {
      lead.put("industry", query.industry());
    }
    return lead;
  }

  private static String pick(List<String> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
