package dev.baton.examples.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.sdk.handler.StepHandler;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HandlerRegistrationTest {
  @Test
  void serviceLoaderFindsTheThreeLeadHandlersByName() {
    assertThat(ServiceLoader.load(StepHandler.class).stream().map(p -> p.get().name()))
        .containsExactlyInAnyOrder("audience-translator", "lead-enrichment", "email-sequence");
  }
}
