package dev.baton.cli.command;

import dev.baton.cli.failure.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A FILE argument read as UTF-8 text, where "-" means stdin. */
public final class FileArgument {
  public static final String STDIN = "-";

  private FileArgument() {}

  public static String read(String file, InputStream stdin) {
    try {
      if (STDIN.equals(file)) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
