package dev.baton.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatonCredentialsTest {
  private static final String ID = "k3abcdefghijklmn";
  private static final String SECRET_PART = "Zm9yZ2V0LW1lLW5vdC10aGlzLWlzLWEtc2VjcmV0LXg";
  private static final String KEY = "baton_" + ID + "_" + SECRET_PART;

  @Test
  void printsOnlyThePublicIdNeverTheSecret() {
    BatonCredentials credentials = BatonCredentials.apiKey(KEY);

    assertThat(credentials.toString()).isEqualTo("BatonCredentials[" + ID + "]").doesNotContain(SECRET_PART);
    assertThat(String.valueOf(credentials)).doesNotContain(SECRET_PART);
  }

  @Test
  void theKeyIdIsThePartAfterTheBatonPrefix() {
    assertThat(BatonCredentials.apiKey(KEY).keyId()).isEqualTo(ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hunter2", "baton_only-two-parts", "baton_mistypedsecretpart_short",
      "baton_K3ABCDEFGHIJKLMN_x"})
  void aKeyOfAnotherShapeHasNoIdAndStillNeverPrintsItself(String key) {
    BatonCredentials credentials = BatonCredentials.apiKey(key);

    assertThat(credentials.keyId()).isEqualTo("?");
    assertThat(credentials.toString()).isEqualTo("BatonCredentials[?]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void aBlankKeyIsRefusedSayingWhatIsExpected(String blank) {
    assertThatThrownBy(() -> BatonCredentials.apiKey(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("apiKey: empty (expected: the secret `baton keys create` printed)");
  }

  @Test
  void aMissingKeyIsRefusedNamingTheParameter() {
    assertThatThrownBy(() -> BatonCredentials.apiKey(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("apiKey");
  }
}
