package dev.baton.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The example workflow definitions (YAML), as shipped in {@code workflows/} on the classpath. */
public final class ExampleWorkflows {
  /** Apply order: a workflow comes after the workflows it runs as steps. */
  static final List<String> RESOURCES = List.of("workflows/email-sequence.yaml", "workflows/lead-pipeline.yaml");

  private ExampleWorkflows() {}

  /** The YAML texts in apply order: email-sequence, then lead-pipeline (which chains it). */
  public static List<String> all() {
    return RESOURCES.stream().map(ExampleWorkflows::read).toList();
  }

  private static String read(String resource) {
    try (InputStream in = ExampleWorkflows.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + ": not on the classpath (is baton-examples' jar complete?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": cannot be read", e);
    }
  }
}
