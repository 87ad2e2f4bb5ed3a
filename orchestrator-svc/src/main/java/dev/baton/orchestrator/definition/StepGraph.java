package dev.baton.orchestrator.definition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph of a definition's steps: edges from each step to the steps it depends on.
 * Edges to unknown ids are ignored here (they are reported elsewhere), so the graph can be examined
 * even for a definition with other mistakes.
 */
final class StepGraph {
  private final Map<String, List<String>> dependencies;

  /** @param dependencies step id -> ids it depends on, in definition order */
  StepGraph(Map<String, List<String>> dependencies) {
    Map<String, List<String>> known = new LinkedHashMap<>();
    dependencies.forEach((id, deps) ->
        known.put(id, deps.stream().filter(dependencies::containsKey).distinct().toList()));
    this.dependencies = known;
  }

  /**
   * Each dependency cycle once, as the ids along it with the first repeated at the end
   * ({@code [a, b, a]}), starting from its step that comes first in definition order.
   */
  List<List<String>> cycles() {
    List<List<String>> cycles = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (String start : dependencies.keySet()) {
      findCycles(start, new LinkedHashSet<>(), done, cycles);
    }
    return cycles;
  }

  private void findCycles(String id, LinkedHashSet<String> path, Set<String> done, List<List<String>> cycles) {
    if (done.contains(id)) {
      return;
    }
    if (path.contains(id)) {
      List<String> onPath = new ArrayList<>(path);
      List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(id), onPath.size()));
      cycle.add(id);
      cycles.add(cycle);
      return;
    }
    path.add(id);
    for (String dependency : dependencies.get(id)) {
      findCycles(dependency, path, done, cycles);
    }
    path.remove(id);
    done.add(id);
  }

  /** Every step {@code id} transitively depends on. */
  Set<String> ancestors(String id) {
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(dependencies.getOrDefault(id, List.of()));
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (seen.add(next)) {
        pending.addAll(dependencies.get(next));
      }
    }
    return seen;
  }

  /** step id -> the steps that depend on it directly, in definition order. */
  Map<String, List<String>> dependents() {
    Map<String, List<String>> dependents = new HashMap<>();
    dependencies.keySet().forEach(id -> dependents.put(id, new ArrayList<>()));
    dependencies.forEach((id, deps) -> deps.forEach(dep -> dependents.get(dep).add(id)));
    dependents.replaceAll((id, list) -> List.copyOf(list));
    return dependents;
  }
}
