package dev.baton.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Baton service (progress-svc, analytics-svc: its main class) in a JVM of its own, started from
 * this JVM's classpath with its own {@code -Xmx}, so that its heap, resident memory, threads and
 * file descriptors are measured apart from the orchestrator, the executors and the benchmark's
 * clients. Its output goes
 * to a log file; it is stopped with SIGTERM (and killed if it does not exit) on close or when this
 * JVM exits.
 */
final class ServiceProcess implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;
  private final String maxHeap;
  private final Thread stopOnExit;

  private ServiceProcess(String name, Process process, int port, Path log, String maxHeap) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.maxHeap = maxHeap;
    this.stopOnExit = new Thread(process::destroyForcibly, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** progress-svc with the platform's variables; see {@link #start(String, Class, String, Map, String, List, Duration)}. */
  static ServiceProcess progress(Map<String, String> platformEnv, String maxHeap, List<String> jvmOptions,
      Duration readyTimeout) {
    return start("progress-svc", dev.baton.progress.ProgressMain.class, "BATON_PROGRESS", platformEnv, maxHeap,
        jvmOptions, readyTimeout);
  }

  /**
   * Starts {@code main} with the platform's variables (PostgreSQL, Redis, key prefix) and
   * {@code <prefix>_HOST}/{@code _PORT} set to a free local port, and waits until {@code /readyz}
   * answers 200.
   */
  static ServiceProcess start(String name, Class<?> main, String prefix, Map<String, String> platformEnv,
      String maxHeap, List<String> jvmOptions, Duration readyTimeout) {
    Objects.requireNonNull(platformEnv, "platformEnv");
    Objects.requireNonNull(maxHeap, "maxHeap");
    try {
      int port = freePort();
      Path log = Files.createTempFile("baton-" + name + "-", ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + maxHeap);
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(platformEnv);
      builder.environment().put(prefix + "_HOST", HOST);
      builder.environment().put(prefix + "_PORT", Integer.toString(port));
      ServiceProcess service = new ServiceProcess(name, builder.start(), port, log, maxHeap);
      Console.progress(name + ": pid " + service.pid() + ", -Xmx" + maxHeap + ", port " + port + ", log " + log);
      service.awaitReady(readyTimeout);
      return service;
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + target() + "/readyz"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before it was "
            + "ready; its output: " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    throw new IllegalStateException(name + " was not ready within " + timeout + "; its output: " + log);
  }

  String target() {
    return HOST + ":" + port;
  }

  long pid() {
    return process.pid();
  }

  String maxHeap() {
    return maxHeap;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** What the process holds now: memory, heap after a full GC, threads and open file descriptors. */
  ProcessFootprint footprint() {
    return ProcessFootprint.of(pid());
  }

  /** SIGTERM, then SIGKILL if it has not exited within 15 s. Idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        Console.progress(name + " did not exit within 15 s of SIGTERM; killing it");
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // this JVM is already exiting: the hook stops the process anyway
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }
}
