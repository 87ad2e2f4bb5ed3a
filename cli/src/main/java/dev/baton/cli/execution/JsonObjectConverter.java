package dev.baton.cli.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks that an execution input is one JSON object before anything is sent, so a typo in the
 * shell fails in the shell. Returns the text unchanged.
 */
final class JsonObjectConverter implements ITypeConverter<String> {
  private static final ObjectReader READER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .reader();

  @Override
  public String convert(String text) {
    return requireObject(text);
  }

  /** @throws TypeConversionException with a one-line reason, e.g. "expected a JSON object, got an array" */
  static String requireObject(String text) {
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
      throw new TypeConversionException("not valid JSON: " + e.getOriginalMessage() + where);
    }
    if (node == null || node.isMissingNode()) {
      throw new TypeConversionException("empty (expected a JSON object like {\"audience\":\"CTOs\"})");
    }
    if (!node.isObject()) {
      throw new TypeConversionException("expected a JSON object like {\"audience\":\"CTOs\"}, got "
          + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return text;
  }
}
