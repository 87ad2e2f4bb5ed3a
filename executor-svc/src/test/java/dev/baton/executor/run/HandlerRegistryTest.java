package dev.baton.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.executor.handlers.BuiltInHandlers;
import dev.baton.executor.handlers.NoopHandler;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {

  @Test
  void listsBuiltInsByName() {
    assertThat(HandlerRegistry.discover(BuiltInHandlers.all()).names())
        .containsExactly("http", "noop", "sleep", "transform");
  }

  @Test
  void sameClassTwiceIsOneHandler() {
    List<StepHandler> twice = new ArrayList<>(BuiltInHandlers.all());
    twice.add(new NoopHandler());

    assertThat(HandlerRegistry.of(twice).names()).containsOnlyOnce("noop");
  }

  @Test
  void twoClassesClaimingOneNameFailWithBothNames() {
    StepHandler impostor = new StepHandler() {
      @Override
      public String name() {
        return "noop";
      }

      @Override
      public com.fasterxml.jackson.databind.JsonNode handle(StepContext context) {
        return null;
      }
    };

    assertThatThrownBy(() -> HandlerRegistry.of(List.of(new NoopHandler(), impostor)))
        .hasMessageContaining("handler 'noop' is provided by both")
        .hasMessageContaining(NoopHandler.class.getName());
  }
}
