package dev.baton.bench;

/** What a benchmark tells the person running it while it runs: stderr, so stdout holds only the summary. */
final class Console {
  private Console() {}

  static void progress(String message) {
    System.err.println("bench: " + message);
  }
}
