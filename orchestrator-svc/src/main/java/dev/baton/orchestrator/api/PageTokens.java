package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.Execution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset-paging tokens: stable while new rows arrive. */
final class PageTokens {
  private static final UUID MAX_UUID = new UUID(-1L, -1L);

  private PageTokens() {}

  /** The last row's time (created or failed, by list) and id. */
  record ExecutionCursor(Instant at, UUID id) {}

  static int pageSize(String field, int requested, int defaultSize) {
    if (requested < 0 || requested > 1000) {
      throw OrchestratorException.invalid(field + ": " + requested + " (expected: 1..1000)");
    }
    return requested == 0 ? defaultSize : requested;
  }

  static String encodeName(String name) {
    return encode("w|" + name);
  }

  static String decodeName(String token) {
    if (token.isEmpty()) {
      return "";
    }
    String raw = decode(token);
    if (!raw.startsWith("w|")) {
      throw invalid();
    }
    return raw.substring(2);
  }

  static String encodeExecution(Execution last) {
    return encodeCursor("e", last.getCreateTime(), last.getId());
  }

  static ExecutionCursor decodeExecution(String token) {
    if (token.isEmpty()) {
      return new ExecutionCursor(Instant.parse("9999-12-31T00:00:00Z"), MAX_UUID);
    }
    return decodeCursor("e", token);
  }

  /** Dead letters page by failure time (end_time). */
  static String encodeFailed(Execution last) {
    return encodeCursor("f", last.getEndTime(), last.getId());
  }

  /** Null for the first page. */
  static ExecutionCursor decodeFailed(String token) {
    return token.isEmpty() ? null : decodeCursor("f", token);
  }

  private static String encodeCursor(String kind, com.google.protobuf.Timestamp at, String id) {
    return encode(kind + "|" + Instant.ofEpochSecond(at.getSeconds(), at.getNanos()) + "|" + id);
  }

  private static ExecutionCursor decodeCursor(String kind, String token) {
    String[] parts = decode(token).split("\\|");
    if (parts.length != 3 || !parts[0].equals(kind)) {
      throw invalid();
    }
    try {
      return new ExecutionCursor(Instant.parse(parts[1]), UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static OrchestratorException invalid() {
    return OrchestratorException.invalid("page_token: not a token returned by this API");
  }
}
