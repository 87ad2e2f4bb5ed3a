package dev.baton.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The threads alive at one moment, to tell which a component started and left running. Threads
 * the test itself owns (e.g. the event loops of a Vert.x it passed in, named "vert.x-...") are left
 * out by name prefix, as are the JVM's shared pools.
 */
public final class ThreadSnapshot {
  private static final List<String> JVM_SHARED = List.of("ForkJoinPool.commonPool-", "process reaper",
      "Attach Listener", "testkit-stop-");

  private final Set<Thread> before;
  private final List<String> ignored;

  private ThreadSnapshot(Set<Thread> before, List<String> ignored) {
    this.before = before;
    this.ignored = ignored;
  }

  /** The threads alive now; {@code ignoredPrefixes} name threads the test owns. */
  public static ThreadSnapshot now(String... ignoredPrefixes) {
    Objects.requireNonNull(ignoredPrefixes, "ignoredPrefixes");
    return new ThreadSnapshot(Set.copyOf(Thread.getAllStackTraces().keySet()), List.of(ignoredPrefixes));
  }

  /** Names of the threads alive now that were not at the snapshot, minus the ignored ones. */
  public List<String> startedSince() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t))
        .map(Thread::getName)
        .filter(name -> !startsWithAny(name, ignored) && !startsWithAny(name, JVM_SHARED))
        .sorted()
        .collect(Collectors.toList());
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    return prefixes.stream().anyMatch(name::startsWith);
  }
}
