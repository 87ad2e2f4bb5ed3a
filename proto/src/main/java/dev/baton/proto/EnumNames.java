package dev.baton.proto;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text form of Baton's proto enums: a value's name without the prefix every value of its enum
 * shares ({@code EXECUTION_STATUS_RUNNING} is {@code RUNNING}, {@code STEP_STATUS_FAILED} is
 * {@code FAILED}). The database, event payloads, CEL expressions ({@code steps.a.status}), the CLI
 * and error messages all write enum values this way; this class is the one place that converts.
 *
 * <p>The prefix is read from the enum's zero value ({@code EXECUTION_STATUS_UNSPECIFIED} gives
 * {@code EXECUTION_STATUS_}); an enum whose values carry no prefix (such as
 * {@code ExecutionEvent.Type}) keeps its names as they are.
 */
public final class EnumNames {
  private static final String UNSPECIFIED = "UNSPECIFIED";

  /** Per enum class: short name to constant, built once. */
  private static final ClassValue<Map<String, Object>> BY_SHORT_NAME = new ClassValue<>() {
    @Override
    protected Map<String, Object> computeValue(Class<?> type) {
      Map<String, Object> byName = new HashMap<>();
      for (Object constant : type.getEnumConstants()) {
        ProtocolMessageEnum value = (ProtocolMessageEnum) constant;
        if (!((Enum<?>) constant).name().equals("UNRECOGNIZED")) {
          byName.put(shortName(value), constant);
        }
      }
      return Map.copyOf(byName);
    }
  };

  private EnumNames() {}

  /** {@code EXECUTION_STATUS_RUNNING} -> {@code RUNNING}. */
  public static String shortName(ProtocolMessageEnum value) {
    Objects.requireNonNull(value, "value");
    String name = ((Enum<?>) value).name();
    String prefix = prefix(value.getDescriptorForType());
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  /**
   * {@code RUNNING} -> {@code EXECUTION_STATUS_RUNNING}.
   *
   * @throws IllegalArgumentException when {@code type} has no value of that short name; the message
   *     lists the names it has
   */
  public static <E extends Enum<E> & ProtocolMessageEnum> E parse(Class<E> type, String shortName) {
    Objects.requireNonNull(type, "type");
    Object value = BY_SHORT_NAME.get(type).get(shortName);
    if (value == null) {
      throw new IllegalArgumentException(type.getSimpleName() + ": '" + shortName + "' (expected: one of "
          + BY_SHORT_NAME.get(type).keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
    }
    return type.cast(value);
  }

  /**
   * {@code RUNNING} -> {@code EXECUTION_STATUS_RUNNING}; {@code otherwise} when {@code type} has no
   * value of that short name (e.g. one written by a newer version).
   */
  public static <E extends Enum<E> & ProtocolMessageEnum> E parse(Class<E> type, String shortName, E otherwise) {
    Object value = BY_SHORT_NAME.get(Objects.requireNonNull(type, "type")).get(shortName);
    return value == null ? otherwise : type.cast(value);
  }

  private static String prefix(EnumDescriptor type) {
    String zero = type.findValueByNumber(0).getName();
    return zero.endsWith(UNSPECIFIED) ? zero.substring(0, zero.length() - UNSPECIFIED.length()) : "";
  }
}
