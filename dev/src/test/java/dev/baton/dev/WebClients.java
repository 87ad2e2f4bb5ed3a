package dev.baton.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node clients the web module builds (web/target/node-tests/*.mjs: connect-web over
 * gRPC-Web, playwright-core driving Chromium). Each prints one JSON object on stdout; its stderr
 * goes to target/ so a failure can be read after the run.
 */
final class WebClients {
  private WebClients() {}

  static Path webDir() {
    return Path.of(System.getProperty("baton.web.dir", "../web")).toAbsolutePath().normalize();
  }

  static Path targetDir() {
    return Path.of(System.getProperty("baton.target.dir", "target")).toAbsolutePath().normalize();
  }

  /** Runs {@code script} (e.g. "grpcweb-watch") with {@code args}, waits at most {@code timeout}, returns its JSON. */
  static JsonNode run(String script, Duration timeout, String... args) {
    Path file = webDir().resolve("target/node-tests").resolve(script + ".mjs");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build the web module first (./mvnw install -pl web)");
    }
    List<String> command = new ArrayList<>(List.of("node", file.toString()));
    command.addAll(List.of(args));
    Path stderr = targetDir().resolve(script + "-" + System.nanoTime() + ".stderr.log");
    try {
      Files.createDirectories(stderr.getParent());
      Process process = new ProcessBuilder(command).directory(webDir().toFile())
          .redirectError(stderr.toFile()).start();
      CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within " + timeout + "; stderr: " + stderr);
      }
      String out = stdout.get(10, TimeUnit.SECONDS).trim();
      if (process.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException(script + " exited with " + process.exitValue() + ", stdout '" + out
            + "', stderr: " + Files.readString(stderr));
      }
      return Json.parse(out.substring(out.lastIndexOf('\n') + 1));
    } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("running " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}
