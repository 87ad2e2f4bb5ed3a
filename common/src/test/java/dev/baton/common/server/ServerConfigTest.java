package dev.baton.common.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  private static ServerConfig config(Map<String, String> vars) {
    return ServerConfig.from(new Env(vars), "BATON_TEST", 7000);
  }

  @Test
  void withoutTheVariableNoOriginIsAllowed() {
    ServerConfig config = config(Map.of());
    assertThat(config.corsOrigins()).isEmpty();
    assertThat(config.corsEnabled()).isFalse();
    assertThat(config.port()).isEqualTo(7000);
  }

  @Test
  void aCommaListGivesEachOriginTrimmedWithoutTrailingSlash() {
    ServerConfig config = config(Map.of("BATON_TEST_CORS_ORIGINS",
        " http://localhost:7234, https://dash.example.com/ ,,http://127.0.0.1:7234"));
    assertThat(config.corsOrigins())
        .containsExactly("http://localhost:7234", "https://dash.example.com", "http://127.0.0.1:7234");
    assertThat(config.corsEnabled()).isTrue();
  }

  @Test
  void aStarAllowsAnyOrigin() {
    assertThat(config(Map.of("BATON_TEST_CORS_ORIGINS", "*")).corsOrigins()).containsExactly("*");
  }

  @Test
  void theOriginsSurviveAPortChange() {
    ServerConfig config = config(Map.of("BATON_TEST_CORS_ORIGINS", "http://a.example")).withPort(0);
    assertThat(config.corsOrigins()).containsExactly("http://a.example");
  }

  @Test
  void malformedOriginsAreRejectedNamingTheVariable() {
    for (String bad : new String[] {"localhost:7234", "ftp://host", "http://host/path", "http://host?x=1",
        "http://", "http://host:7234/dashboard/"}) {
      assertThatThrownBy(() -> config(Map.of("BATON_TEST_CORS_ORIGINS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("BATON_TEST_CORS_ORIGINS: '" + bad + "'");
    }
  }

  @Test
  void aStarMixedWithOriginsIsRejected() {
    assertThatThrownBy(() -> config(Map.of("BATON_TEST_CORS_ORIGINS", "*,http://a.example")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("BATON_TEST_CORS_ORIGINS")
        .hasMessageContaining("'*' alone");
  }
}
