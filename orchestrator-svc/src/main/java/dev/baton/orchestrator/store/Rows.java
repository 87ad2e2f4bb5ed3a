package dev.baton.orchestrator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepRecovery;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Column conversions shared by the stores. JSON columns are read as text ({@code col::text}) and
 * written as text cast to jsonb ({@code $n::text::jsonb}), so Jackson owns all JSON handling.
 */
final class Rows {
  private Rows() {}

  static JsonNode json(Row row, String column) {
    String text = row.getString(column);
    return text == null ? null : Json.parse(text);
  }

  static String jsonText(JsonNode node) {
    return node == null ? null : Json.write(node);
  }

  static StepError error(Row row, String column) {
    Buffer bytes = row.getBuffer(column);
    if (bytes == null) {
      return null;
    }
    try {
      return StepError.parseFrom(bytes.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("column " + column + " holds no StepError: " + e.getMessage(), e);
    }
  }

  static StepRecovery recovery(Row row, String column) {
    Buffer bytes = row.getBuffer(column);
    if (bytes == null) {
      return null;
    }
    try {
      return StepRecovery.parseFrom(bytes.getBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("column " + column + " holds no StepRecovery: " + e.getMessage(), e);
    }
  }

  static Buffer bytes(com.google.protobuf.MessageLite message) {
    return message == null ? null : Buffer.buffer(message.toByteArray());
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
