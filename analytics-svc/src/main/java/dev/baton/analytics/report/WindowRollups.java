package dev.baton.analytics.report;

import dev.baton.analytics.rollup.DependencyStats;
import dev.baton.analytics.rollup.ExecutionStats;
import dev.baton.analytics.rollup.StepStats;
import java.util.Map;

/** The rollups of one workflow in one window, merged over buckets and versions. */
record WindowRollups(ExecutionStats executions, Map<String, StepStats> steps, Map<String, DependencyStats> hosts) {}
