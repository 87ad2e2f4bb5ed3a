package dev.baton.cli.report;

import com.google.protobuf.Duration;
import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.command.Subcommand;
import dev.baton.cli.connect.AnalyticsServerOption;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.Finding;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import dev.baton.proto.v1.StepReport;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton report bottlenecks WORKFLOW}: where the end-to-end time of a workflow went, with findings. */
@Command(name = "bottlenecks", description = "Critical-path share, queue/run/backoff split, percentiles and "
    + "failure rates per step and external host of a workflow, with findings and suggested actions.")
final class BottlenecksCommand extends Subcommand {
  @Mixin
  AnalyticsServerOption analytics;

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "Workflow name.")
  String workflow;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "Window length, back from now (1m..30d; compared with the window before it). Default: ${DEFAULT-VALUE}.")
  java.time.Duration since;

  @Override
  public Integer call() {
    BottleneckReport answer = analytics.reports(root().credentials(), reports -> reports.getBottleneckReport(
        GetBottleneckReportRequest.newBuilder().setWorkflow(workflow)
            .setWindow(Duration.newBuilder().setSeconds(since.getSeconds()).setNanos(since.getNano())).build()));
    PrintWriter out = out();
    if (root().json()) {
      BatonCommand.printJson(answer, out);
    } else {
      print(answer, out);
    }
    return 0;
  }

  private void print(BottleneckReport r, PrintWriter out) {
    HumanTime time = root().time();
    var e = r.getExecutions();
    out.printf("%s: %d executions since %s, %s failed, p50 %s p95 %s p99 %s (previous window: %d, p95 %s)%n",
        r.getWorkflow(), e.getExecutions(), time.timestamp(r.getWindowStart()), percent(e.getFailureRate()),
        ms(e.getP50Ms()), ms(e.getP95Ms()), ms(e.getP99Ms()), r.getPreviousExecutions().getExecutions(),
        ms(r.getPreviousExecutions().getP95Ms()));
    if (e.getExecutions() == 0) {
      out.flush();
      return;
    }
    out.printf("bottleneck: %s%n%n", r.getBottleneckStep().isEmpty() ? "-" : r.getBottleneckStep());
    Table steps = new Table("STEP", "CRITICAL PATH", "(PREVIOUS)", "QUEUE", "RUN", "BACKOFF", "P50", "P95", "P99",
        "ATTEMPTS", "ERRORS", "RETRIES");
    for (StepReport s : r.getStepsList()) {
      steps.row(s.getStep(), percent(s.getCriticalPathShare()),
          s.getPreviousAttempts() == 0 ? "-" : percent(s.getPreviousCriticalPathShare()),
          percent(s.getQueueShare()), percent(s.getRunShare()), percent(s.getBackoffShare()),
          ms(s.getP50Ms()), ms(s.getP95Ms()), ms(s.getP99Ms()), s.getAttempts(), percent(s.getErrorRate()),
          percent(s.getRetryRate()));
    }
    steps.print(out);
    if (r.getDependenciesCount() > 0) {
      out.println();
      Table hosts = new Table("HOST", "CALLS", "FAILURES", "(PREVIOUS)", "P50", "P95", "P99");
      for (DependencyReport d : r.getDependenciesList()) {
        hosts.row(d.getHost(), d.getCalls(), percent(d.getFailureRate()),
            d.getPreviousCalls() == 0 ? "-" : percent(d.getPreviousFailureRate()),
            ms(d.getP50Ms()), ms(d.getP95Ms()), ms(d.getP99Ms()));
      }
      hosts.print(out);
    }
    out.println();
    if (r.getFindingsCount() == 0) {
      out.println("no findings");
    }
    for (Finding f : r.getFindingsList()) {
      out.printf("%s %s: %s%n  -> %s%n", label(f.getSeverity().name(), "SEVERITY_"),
          label(f.getType().name(), "FINDING_TYPE_").toLowerCase(Locale.ROOT), f.getSummary(), f.getSuggestedAction());
    }
    out.flush();
  }

  private static String label(String enumName, String prefix) {
    return enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String ms(double millis) {
    return millis >= 10_000 ? String.format(Locale.ROOT, "%.1fs", millis / 1000)
        : String.format(Locale.ROOT, "%.0fms", millis);
  }
}
