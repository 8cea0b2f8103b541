package io.latentwire.trainer.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeConfigTest {

  @Test
  void shouldUseTheDocumentedDefaults() {
    VaeConfig config = VaeConfig.builder(784, 32).build();

    assertThat(config.hiddenSizes()).containsExactly(512, 256);
    assertThat(config.outputActivation()).isEqualTo(OutputActivation.SIGMOID);
    assertThat(config.beta()).isEqualTo(VaeConfig.DEFAULT_BETA);
    assertThat(config.batchSize()).isEqualTo(256);
    assertThat(config.timeBudget()).isEqualTo(VaeConfig.UNLIMITED_TIME);
  }

  @Test
  void shouldNameTheFieldAndValueOfAnInvalidSize() {
    assertThatThrownBy(() -> VaeConfig.builder(784, 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latentSize = 0: must be at least 1");
    assertThatThrownBy(() -> VaeConfig.builder(784, 32).batchSize(-3).build())
        .hasMessage("batchSize = -3: must be at least 1");
  }

  @Test
  void shouldRejectAHiddenLayerWithoutUnits() {
    assertThatThrownBy(() -> VaeConfig.builder(784, 32).hiddenSizes(512, 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hiddenSizes[1] = 0");
  }

  @Test
  void shouldRejectNegativeOrNonFiniteHyperparameters() {
    assertThatThrownBy(() -> VaeConfig.builder(8, 2).beta(-0.1).build())
        .hasMessage("beta = -0.1: must be finite and at least 0");
    assertThatThrownBy(() -> VaeConfig.builder(8, 2).learningRate(Double.NaN).build())
        .hasMessage("learningRate = NaN: must be finite and greater than 0");
    assertThatThrownBy(() -> VaeConfig.builder(8, 2).timeBudget(Duration.ZERO).build())
        .hasMessage("timeBudget = PT0S: must be positive");
  }

  @Test
  void shouldListTheAllowedOutputActivationsWhenMissing() {
    assertThatThrownBy(() -> VaeConfig.builder(8, 2).outputActivation(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("[SIGMOID, IDENTITY]");
  }

  @Test
  void shouldKeepItsOwnCopyOfTheHiddenSizes() {
    List<Integer> widths = new ArrayList<>(List.of(16, 8));
    VaeConfig config = VaeConfig.builder(32, 4).hiddenSizes(widths).build();
    widths.set(0, 99);

    assertThat(config.hiddenSizes()).containsExactly(16, 8);
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }
}
