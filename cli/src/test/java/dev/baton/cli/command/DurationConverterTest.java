package dev.baton.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheFormsOfDefinitionsAndWholeDays() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(converter.convert("24h")).isEqualTo(Duration.ofDays(1));
    assertThat(converter.convert("90d")).isEqualTo(Duration.ofDays(90));
    assertThat(converter.convert(" 7D ")).isEqualTo(Duration.ofDays(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0d", "0s", "-1d", "1d12h", "1.5d", "d", "90", "5x", "100000d", ""})
  void refusesAnythingElseShowingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'" + text + "' (expected: a duration like 500ms, 30s, 10m, 1h, 90d)");
  }
}
