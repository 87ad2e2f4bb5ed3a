package dev.baton.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/** Proto messages and JSON strings as text: canonical proto JSON, YAML for definitions, pretty JSON for payloads. */
public final class ProtoText {
  /**
   * Scripts read {@code -o json}: fields at their default value are printed too, so that
   * {@code .created} is {@code false} rather than missing.
   */
  private static final JsonFormat.Printer JSON = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();
  /** The same on one line: streams of messages are printed as JSON Lines. */
  private static final JsonFormat.Printer JSON_LINE = JSON.omittingInsignificantWhitespace();
  /** Definitions as users author them: only the fields that are set. */
  private static final JsonFormat.Printer SPARSE_JSON = JsonFormat.printer();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /**
   * Struct numbers are doubles, which proto JSON prints as "4.0"; read as BigDecimal without trailing
   * zeros and written plain, definitions show the "4" their author wrote.
   */
  private static final ObjectMapper DEFINITION_READER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, true);
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build());

  private ProtoText() {}

  public static String json(MessageOrBuilder message) {
    return print(JSON, message);
  }

  /** Like {@link #json} but on one line. */
  public static String jsonLine(MessageOrBuilder message) {
    return print(JSON_LINE, message);
  }

  private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The message's set fields as YAML, with the JSON (camelCase) names users write in definitions. */
  public static String yaml(MessageOrBuilder message) {
    try {
      JsonNode tree = DEFINITION_READER.readTree(SPARSE_JSON.print(message));
      return YAML.writeValueAsString(tree);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as YAML", e);
    }
  }

  /** A JSON payload (an execution's output) indented for reading; text that is not JSON is returned as is. */
  public static String prettyJson(String json) {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      return json; // shown verbatim: the payload is still worth seeing when it is not JSON
    }
  }
}
