package dev.baton.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a component left open since a moment: threads it started and did not end, sessions it keeps
 * on a test database. Made before starting a component; after it failed to start (or stopped),
 * {@link #now()} must come back empty. Threads the test itself owns (e.g. the event loops of a
 * Vert.x it passed in, "vert.x-...") are left out by name prefix, as are the JVM's shared ones.
 */
public final class Leftovers {
  /**
   * Threads of the JVM, of the JDBC driver and of the test tools, shared by everything in the JVM.
   * The JDK's HttpClient has no close() before Java 21: its selector thread ends only once the client
   * is garbage collected, so it is not something a component can be asked to close.
   */
  private static final List<String> JVM_SHARED = List.of("ForkJoinPool.commonPool-", "process reaper",
      "Attach Listener", "testkit-stop-", "PostgreSQL-JDBC-Cleaner", "awaitility", "HttpClient-");

  private final Set<Thread> threadsBefore;
  private final List<String> ownedByTheTest;
  private final List<TestPostgres.Database> databases = new ArrayList<>();

  private Leftovers(Set<Thread> threadsBefore, List<String> ownedByTheTest) {
    this.threadsBefore = threadsBefore;
    this.ownedByTheTest = ownedByTheTest;
  }

  /** Remembers the threads alive now; {@code threadsOwnedByTheTest} are name prefixes to leave out. */
  public static Leftovers since(String... threadsOwnedByTheTest) {
    Objects.requireNonNull(threadsOwnedByTheTest, "threadsOwnedByTheTest");
    return new Leftovers(Set.copyOf(Thread.getAllStackTraces().keySet()), List.of(threadsOwnedByTheTest));
  }

  /** Also counts the sessions on {@code database} (none may be left: it was not in use before). */
  public Leftovers andSessionsOn(TestPostgres.Database database) {
    databases.add(Objects.requireNonNull(database, "database"));
    return this;
  }

  /** What is still open, e.g. "thread lettuce-nioEventLoop-4-1", "2 sessions on baton_it_1a2b3c4d". */
  public List<String> now() {
    List<String> open = new ArrayList<>();
    Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !threadsBefore.contains(t))
        .map(Thread::getName)
        .filter(name -> !startsWithAny(name, ownedByTheTest) && !startsWithAny(name, JVM_SHARED))
        .sorted()
        .forEach(name -> open.add("thread " + name));
    for (TestPostgres.Database database : databases) {
      long sessions = database.sessions();
      if (sessions > 0) {
        open.add(sessions + " sessions on " + database.name());
      }
    }
    return open;
  }

  /**
   * Waits until nothing is left open (closing may finish on other threads: Redis clients, gRPC's
   * shared event loops release theirs a moment later).
   *
   * @throws AssertionError listing what is still open after {@code timeout}
   */
  public void awaitNone(Duration timeout) {
    try {
      Awaitility.await().atMost(timeout).until(() -> now().isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("still open " + timeout.toSeconds() + "s later: " + now(), e);
    }
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    return prefixes.stream().anyMatch(name::startsWith);
  }
}
