package dev.baton.common.events;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEventOrBuilder;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link ExecutionEvent}'s type and typed payload are written in the event log (table
 * execution_events): the type's name in column {@code type}, the payload message as its proto JSON
 * in column {@code payload} (NULL when no field is set). Every writer and reader of the log goes
 * through here; nothing else knows the JSON keys.
 *
 * <p>A type's payload is the field of the {@code payload} oneof named after it (STEP_FAILED:
 * {@code step_failed}); the pairing is checked once, when this class loads.
 */
public final class EventPayloads {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final Map<ExecutionEvent.Type, FieldDescriptor> FIELD_OF_TYPE = new EnumMap<>(ExecutionEvent.Type.class);
  private static final Map<Integer, ExecutionEvent.Type> TYPE_OF_FIELD = new HashMap<>();
  private static final Map<String, ExecutionEvent.Type> TYPE_OF_NAME = new HashMap<>();

  static {
    OneofDescriptor payload = ExecutionEvent.getDescriptor().getRealOneofs().stream()
        .filter(o -> o.getName().equals("payload")).findFirst().orElseThrow();
    for (ExecutionEvent.Type type : ExecutionEvent.Type.values()) {
      if (type == ExecutionEvent.Type.TYPE_UNSPECIFIED || type == ExecutionEvent.Type.UNRECOGNIZED) {
        continue;
      }
      FieldDescriptor field = ExecutionEvent.getDescriptor().findFieldByName(type.name().toLowerCase(Locale.ROOT));
      if (field == null || field.getRealContainingOneof() != payload) {
        throw new IllegalStateException("ExecutionEvent.Type " + type + " has no payload field "
            + type.name().toLowerCase(Locale.ROOT) + " in oneof payload");
      }
      FIELD_OF_TYPE.put(type, field);
      TYPE_OF_FIELD.put(field.getNumber(), type);
      TYPE_OF_NAME.put(type.name(), type);
    }
    if (TYPE_OF_FIELD.size() != payload.getFieldCount()) {
      throw new IllegalStateException("ExecutionEvent: a field of oneof payload is not named after a Type");
    }
  }

  private EventPayloads() {}

  /** The type an event's payload belongs to; TYPE_UNSPECIFIED when it has none. */
  public static ExecutionEvent.Type typeOf(ExecutionEventOrBuilder event) {
    return TYPE_OF_FIELD.getOrDefault(event.getPayloadCase().getNumber(), ExecutionEvent.Type.TYPE_UNSPECIFIED);
  }

  /** Sets the event's {@code type} from its payload; the payload must be set. */
  public static ExecutionEvent.Builder typed(ExecutionEvent.Builder event) {
    ExecutionEvent.Type type = typeOf(event);
    if (type == ExecutionEvent.Type.TYPE_UNSPECIFIED) {
      throw new IllegalArgumentException("execution event without a payload (expected: one of the payload oneof)");
    }
    return event.setType(type);
  }

  /** The value of column {@code type}: the type's name, e.g. STEP_FAILED. */
  public static String typeName(ExecutionEventOrBuilder event) {
    return typeOf(event).name();
  }

  /** The value of column {@code payload}: the payload's proto JSON; null when no field of it is set. */
  public static String json(ExecutionEventOrBuilder event) {
    ExecutionEvent.Type type = typeOf(event);
    if (type == ExecutionEvent.Type.TYPE_UNSPECIFIED) {
      throw new IllegalArgumentException("execution event without a payload (expected: one of the payload oneof)");
    }
    Message payload = (Message) event.getField(FIELD_OF_TYPE.get(type));
    if (payload.getAllFields().isEmpty()) {
      return null;
    }
    try {
      return PRINTER.print(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print the payload of a " + type + " event", e); // no Any in payloads
    }
  }

  /**
   * Sets {@code event}'s type and payload from a log row's columns ({@code json} null or "{}" when
   * there is no detail). A type this version does not know (a newer orchestrator wrote it) leaves
   * the event TYPE_UNSPECIFIED, without payload: readers pass over it. Fields this version does not
   * know are ignored.
   *
   * @throws IllegalStateException when the JSON does not fit the type's payload (a corrupt row)
   */
  public static ExecutionEvent.Builder read(ExecutionEvent.Builder event, String type, String json) {
    Objects.requireNonNull(type, "type");
    ExecutionEvent.Type known = TYPE_OF_NAME.get(type);
    if (known == null) {
      return event.setType(ExecutionEvent.Type.TYPE_UNSPECIFIED);
    }
    FieldDescriptor field = FIELD_OF_TYPE.get(known);
    Message.Builder payload = event.newBuilderForField(field);
    if (json != null) {
      try {
        PARSER.merge(json, payload);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("the payload of a " + type + " event does not fit "
            + field.getMessageType().getName() + ": " + e.getMessage(), e);
      }
    }
    return event.setType(known).setField(field, payload.build());
  }
}
