package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.WorkflowDefinition;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a definition written as YAML or JSON (JSON is YAML, so one parser serves both) into the proto.
 * Keys are the proto's JSON names ({@code dependsOn}); unknown keys are errors, not ignored, so a typo
 * such as {@code dependOn} does not silently drop a dependency.
 */
public final class DefinitionParser {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private DefinitionParser() {}

  /** @throws InvalidDefinitionException for malformed text, unknown keys or values of the wrong kind */
  public static WorkflowDefinition parse(String text) throws InvalidDefinitionException {
    requireNonNull(text, "text");
    JsonNode tree = read(text);
    Violations violations = new Violations();
    DefinitionShape.check(tree, WorkflowDefinition.getDescriptor(), "", violations);
    violations.throwIfAny();
    WorkflowDefinition.Builder builder = WorkflowDefinition.newBuilder();
    try {
      JsonFormat.parser().merge(Json.write(tree), builder);
    } catch (InvalidProtocolBufferException e) {
      // DefinitionShape catches the usual mistakes with a path; this is the rest (e.g. out-of-range numbers).
      throw new InvalidDefinitionException(List.of("definition: " + e.getMessage()));
    }
    return builder.build();
  }

  private static JsonNode read(String text) throws InvalidDefinitionException {
    if (text.isBlank()) {
      throw new InvalidDefinitionException(List.of("definition: empty (expected: YAML or JSON)"));
    }
    try {
      JsonNode tree = YAML.readTree(text);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidDefinitionException(List.of("definition: empty (expected: YAML or JSON)"));
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionException(List.of("definition: not valid YAML or JSON " + describe(e)));
    }
  }

  /** SnakeYAML's own message spans several lines with a source excerpt; keep the problem and where it is. */
  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      return "at line " + (yaml.getProblemMark().getLine() + 1) + ", column " + (yaml.getProblemMark().getColumn() + 1)
          + ": " + yaml.getProblem();
    }
    String at = e.getLocation() == null ? ""
        : "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return at + ": " + e.getOriginalMessage();
  }
}
