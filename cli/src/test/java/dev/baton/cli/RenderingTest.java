package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Table, durations and timestamps as printed. */
class RenderingTest {

  @Test
  void tableAlignsColumnsToTheWidestCellAndTrimsLineEnds() {
    StringWriter text = new StringWriter();
    new Table("ID", "STATUS", "ERROR")
        .row("ex-100", "FAILED", "boom\nagain")
        .row("ex-2", null, "")
        .print(new PrintWriter(text));

    assertThat(text.toString()).isEqualTo(
        "ID      STATUS  ERROR\n"
            + "ex-100  FAILED  boom again\n"
            + "ex-2    -\n");
  }

  @Test
  void durationsReadLikePeopleWriteThem() {
    assertThat(HumanTime.duration(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(HumanTime.duration(Duration.ofMillis(1_240))).isEqualTo("1.2s");
    assertThat(HumanTime.duration(Duration.ofSeconds(184))).isEqualTo("3m04s");
    assertThat(HumanTime.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
    assertThat(HumanTime.duration(Duration.ofHours(76))).isEqualTo("3d04h");
  }

  @Test
  void timestampsAreLocalWithoutMillis() {
    HumanTime time = new HumanTime(Clock.fixed(Instant.EPOCH, ZoneId.of("Europe/Berlin")));

    assertThat(time.timestamp(Executions.at(1_500))).isEqualTo("2025-03-01T11:00:01");
    assertThat(time.timestamp(com.google.protobuf.Timestamp.getDefaultInstance())).isEqualTo("-");
  }

  @Test
  void runningThingsAreTimedUntilNow() {
    Instant now = Executions.START.plusSeconds(90);
    HumanTime time = new HumanTime(Clock.fixed(now, ZoneId.of("UTC")));

    assertThat(time.elapsed(Executions.at(0), com.google.protobuf.Timestamp.getDefaultInstance())).isEqualTo("1m30s");
  }

  @Test
  void timeoutDurationsAcceptDefinitionNotation() {
    DurationConverter converter = new DurationConverter();

    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("-5s")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> converter.convert("10")).isInstanceOf(TypeConversionException.class);
  }
}
