package dev.baton.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.baton.cli.Executions;
import dev.baton.cli.ProgressUpdates;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.testkit.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three ways {@code watch} shows progress, fed fixed update sequences. */
public class ProgressRenderingTest {
  public static final String SUCCEEDING_LINES = """
      [  0%] execution ex-1 (lead-pipeline v3) RUNNING, no estimate yet
      [  0%] translate started
      [ 33%] translate succeeded
      [ 33%] enrich started
      [ 50%] running: enrich 1/2, no estimate yet
      [ 50%] enrich attempt 1 failed: PROVIDER_DOWN: provider acme is down; next: retry (attempt 2) at 2025-03-01T10:00:01Z
      [ 50%] enrich item 1 retrying (attempt 2)
      [ 66%] running: enrich 2/2 attempt 2, no estimate yet
      [ 66%] enrich succeeded
      [ 66%] email started
      [100%] email succeeded
      [100%] execution ex-1 (lead-pipeline v3) SUCCEEDED in 1.2s
      """;
  public static final String FAILING_LINES = """
      [  0%] execution ex-1 (lead-pipeline v3) RUNNING, no estimate yet
      [  0%] translate started
      [ 33%] translate succeeded
      [ 33%] enrich started
      [ 33%] enrich attempt 1 failed: PROVIDER_DOWN: provider acme is down; next: retry (attempt 2) at 2025-03-01T10:00:01Z
      [ 33%] enrich item 0 retrying (attempt 2)
      [ 33%] enrich attempt 2 failed: PROVIDER_DOWN: provider acme is gone; next: no retry left: step fails
      [ 66%] enrich failed
      [100%] email cancelled
      [100%] execution ex-1 (lead-pipeline v3) FAILED in 1.1s
      """;
  private static final String REDRAW = "\r\u001b[2K";

  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);

  @Test
  void lineRendererPrintsOneLinePerStepChangeErrorAndPercentMove() {
    renderAll(new LineRenderer(out), ProgressUpdates.succeeding());

    assertThat(text.toString()).isEqualTo(SUCCEEDING_LINES);
  }

  @Test
  void lineRendererShowsEachErrorOnceWithWhatHappensNext() {
    renderAll(new LineRenderer(out), ProgressUpdates.failing());

    assertThat(text.toString()).isEqualTo(FAILING_LINES);
  }

  @Test
  void lineRendererPrintsNothingForAResumedSnapshotOfWhatItAlreadyShowed() {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    LineRenderer renderer = new LineRenderer(out);
    run.subList(0, 6).forEach(renderer::update);
    String before = text.toString();

    ExecutionUpdate resumedSnapshot = ProgressUpdates.resumedAfter(run, 6).get(0);
    renderer.update(resumedSnapshot);

    assertThat(resumedSnapshot.getSnapshot()).isTrue();
    assertThat(text.toString()).isEqualTo(before);
  }

  @Test
  void lineRendererGivesTheReasonOfASkippedStep() {
    List<ExecutionUpdate> run = ProgressUpdates.cancelled();
    ExecutionUpdate skipped = run.get(1).toBuilder().setEvent(ExecutionEvent.newBuilder().setType(ExecutionEvent.Type.STEP_SKIPPED)
        .setStepId("enrich").setItemIndex(-1).setSequence(3).setStepSkipped(ExecutionEvent.StepSkipped.newBuilder()
            .setReason("when: size(steps.translate.output.segments) > 0 was false"))).build();
    LineRenderer renderer = new LineRenderer(out);

    renderer.update(run.get(0));
    renderer.update(skipped);

    assertThat(text.toString()).endsWith("[  0%] enrich skipped: when: size(steps.translate.output.segments) > 0 was false\n");
  }

  @Test
  void lineRendererSaysABranchOnlyFailureLetsTheOtherStepsGoOn() {
    List<ExecutionUpdate> run = ProgressUpdates.cancelled();
    ExecutionUpdate failed = run.get(1).toBuilder().setEvent(ExecutionEvent.newBuilder().setType(ExecutionEvent.Type.STEP_FAILED)
        .setStepId("enrich").setItemIndex(-1).setAttempt(1).setSequence(3).setStepFailed(ExecutionEvent.StepFailed
            .newBuilder().setCode("GONE").setMessage("x").setBranchOnly(true))).build();
    LineRenderer renderer = new LineRenderer(out);

    renderer.update(run.get(0));
    renderer.update(failed);

    assertThat(text.toString()).endsWith("[  0%] enrich failed (only its branch: the other steps go on)\n");
  }

  @Test
  void lineRendererSaysWhatARecoveryRuleDid() {
    List<ExecutionUpdate> run = ProgressUpdates.cancelled();
    ExecutionUpdate fellBack = run.get(1).toBuilder().setEvent(ExecutionEvent.newBuilder()
        .setType(ExecutionEvent.Type.RECOVERY_APPLIED).setStepId("enrich").setItemIndex(0).setAttempt(4).setSequence(3)
        .setRecoveryApplied(ExecutionEvent.RecoveryApplied.newBuilder().setRule("steps.enrich.onError[0]")
            .setAction("FALLBACK").setNextAttempt(5).setHandler("lead-enrichment").setProvider("backup"))).build();
    ExecutionUpdate skipped = run.get(1).toBuilder().setEvent(ExecutionEvent.newBuilder().setType(ExecutionEvent.Type.ITEM_SKIPPED)
        .setStepId("enrich").setItemIndex(1).setSequence(4)
        .setItemSkipped(ExecutionEvent.ItemSkipped.newBuilder().setReason("recovery rule onError[0]"))).build();
    LineRenderer renderer = new LineRenderer(out);

    renderer.update(run.get(0));
    renderer.update(fellBack);
    renderer.update(skipped);

    assertThat(text.toString()).endsWith(
        "[  0%] enrich item 0 falls back to lead-enrichment (provider backup), attempt 5: rule steps.enrich.onError[0]\n"
            + "[  0%] enrich item 1 skipped: recovery rule onError[0]\n");
  }

  @Test
  void terminalRendererRedrawsTheBarInPlaceAndPrintsErrorsAboveIt() {
    renderAll(new TerminalRenderer(out, Clock.fixed(Executions.START, ZoneOffset.UTC), 120), ProgressUpdates.succeeding());
    String shown = text.toString();

    assertThat(shown)
        .startsWith(REDRAW + "[....................]   0% RUNNING  no estimate yet" + REDRAW)
        .contains(REDRAW + "[######..............]  33% RUNNING  enrich 0/2  no estimate yet")
        .contains(REDRAW + "[##########..........]  50% RUNNING  enrich 1/2  no estimate yet"
            + REDRAW + "enrich attempt 1 failed: PROVIDER_DOWN: provider acme is down;"
            + " next: retry (attempt 2) at 2025-03-01T10:00:01Z\n"
            + REDRAW + "[##########..........]  50% RUNNING  enrich 1/2  no estimate yet")
        .endsWith(REDRAW + "[####################] 100% SUCCEEDED\n"
            + "execution ex-1 (lead-pipeline v3) SUCCEEDED in 1.2s\n");
    // in place: the only line breaks are under the error and the outcome
    assertThat(shown.chars().filter(c -> c == '\n')).hasSize(3);
  }

  @Test
  void terminalEtaCountsDownBetweenUpdates() {
    MutableClock clock = MutableClock.at(Executions.START);
    TerminalRenderer renderer = new TerminalRenderer(out, clock, 120);
    ExecutionUpdate first = ProgressUpdates.succeeding().get(0);
    Instant end = Executions.START.plusSeconds(75);
    renderer.update(first.toBuilder().setProgress(first.getProgress().toBuilder().setEta(ProgressUpdates.eta(75)
        .toBuilder().setEstimatedEndTime(Timestamp.newBuilder().setSeconds(end.getEpochSecond())))).build());
    clock.set(Executions.START.plusSeconds(63).plusMillis(200));

    renderer.redraw();

    assertThat(text.toString()).isEqualTo(REDRAW + "[....................]   0% RUNNING  ETA 1m15s"
        + REDRAW + "[....................]   0% RUNNING  ETA 12s");
  }

  @Test
  void terminalLineIsCutToTheWidthSoThatItCanBeRedrawn() {
    ExecutionUpdate update = ProgressUpdates.succeeding().get(3);

    new TerminalRenderer(out, Clock.systemUTC(), 30).update(update);

    assertThat(text.toString()).isEqualTo(REDRAW + "[######..............]  33% ~");
  }

  @Test
  void terminalRendererEndsTheBarLineWhenTheWatchStopsEarly() {
    TerminalRenderer renderer = new TerminalRenderer(out, Clock.systemUTC(), 80);
    renderer.update(ProgressUpdates.succeeding().get(0));

    renderer.abandoned();

    assertThat(text.toString()).endsWith("no estimate yet\n");
  }

  @Test
  void jsonRendererPrintsEachUpdateAsOneParsableLine() throws Exception {
    List<ExecutionUpdate> run = ProgressUpdates.failing();

    renderAll(new JsonLinesRenderer(out), run);

    List<String> lines = text.toString().lines().toList();
    assertThat(lines).hasSize(run.size());
    for (int i = 0; i < run.size(); i++) {
      ExecutionUpdate.Builder parsed = ExecutionUpdate.newBuilder();
      JsonFormat.parser().merge(lines.get(i), parsed);
      assertThat(parsed.build()).isEqualTo(run.get(i));
    }
    assertThat(lines.get(0)).contains("\"snapshot\":true").contains("\"percent\":0.0");
  }

  @Test
  void etaReadsAsAShortCountdownOrSaysThereIsNone() {
    assertThat(ProgressText.eta(ProgressUpdates.eta(12))).isEqualTo("ETA 12s");
    assertThat(ProgressText.eta(ProgressUpdates.eta(184))).isEqualTo("ETA 3m04s");
    assertThat(ProgressText.eta(ProgressUpdates.eta(0))).isEqualTo("ETA overdue");
    assertThat(ProgressText.eta(ProgressUpdates.succeeding().get(0).getProgress().getEta())).isEqualTo("no estimate yet");
    assertThat(ProgressText.percent(99.99)).isEqualTo(" 99%");
  }

  private static void renderAll(ProgressRenderer renderer, List<ExecutionUpdate> updates) {
    updates.forEach(renderer::update);
    ExecutionProgress last = updates.get(updates.size() - 1).getProgress();
    renderer.finished(last);
  }
}
