package io.latentwire.trainer.rd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RdConfigTest {

  @Test
  void shouldDeriveTheLatentGridOfAConvolutionalModelFromTheImage() {
    RdConfig config = RdConfig.conv2d(new ImageShape(28, 28, 1)).latentChannels(32).build();

    assertThat(config.inputSize()).isEqualTo(784);
    assertThat(config.latentHeight()).isEqualTo(4); // 28 -> 14 -> 7 -> 4
    assertThat(config.latentWidth()).isEqualTo(4);
    assertThat(config.latentSize()).isEqualTo(32 * 4 * 4);
  }

  @Test
  void shouldRoundOddSizesUpAtEachDownsampling() {
    RdConfig config =
        RdConfig.conv2d(new ImageShape(12, 9, 3)).downsamplings(2).latentChannels(5).build();

    assertThat(config.latentHeight()).isEqualTo(3); // 12 -> 6 -> 3
    assertThat(config.latentWidth()).isEqualTo(3); // 9 -> 5 -> 3
    assertThat(config.latentSize()).isEqualTo(45);
  }

  @Test
  void shouldUseTheMlpLatentSizeForAnMlp() {
    RdConfig config = RdConfig.mlp(40, 12).build();

    assertThat(config.latentSize()).isEqualTo(12);
    assertThat(config.ladderSteps()).isEqualTo(RdConfig.DEFAULT_LADDER_STEPS);
    assertThatThrownBy(config::latentHeight)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CONV2D and CONV1D only");
  }

  @Test
  void shouldRejectAnImageShapeThatDoesNotMatchTheInputSize() {
    // An MLP may carry (and ignore) an image shape; a CONV2D needs a matching one.
    RdConfig mlp = RdConfig.mlp(100, 8).imageShape(new ImageShape(5, 5, 1)).build();
    assertThat(mlp.imageShape()).isNotNull();

    assertThatThrownBy(
            () ->
                new RdConfig(
                    100,
                    Architecture.CONV2D,
                    List.of(),
                    8,
                    new ImageShape(5, 5, 1),
                    8,
                    4,
                    1,
                    5,
                    3,
                    mlp.outputActivation(),
                    0.1,
                    1e-3,
                    1e-3,
                    8,
                    1,
                    RdConfig.UNLIMITED_TIME,
                    1,
                    List.of(1f),
                    0,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "imageShape ImageShape[height=5, width=5, channels=1] holds 25 values but inputSize"
                + " = 100: they must be equal");
  }

  @Test
  void shouldRejectAWarmUpAsLongAsTheTrainingAndANegativePatience() {
    assertThatThrownBy(() -> RdConfig.mlp(4, 2).epochs(3).warmupEpochs(3).build())
        .hasMessage("warmupEpochs = 3: must be at least 0 and below epochs = 3");
    assertThatThrownBy(() -> RdConfig.mlp(4, 2).patience(-1).build())
        .hasMessage("patience = -1: must be at least 0 (0 turns early stopping off)");
  }

  @Test
  void shouldNameTheFieldOfAnInvalidValue() {
    RdConfig.Builder conv = RdConfig.conv2d(new ImageShape(8, 8, 1));
    assertThatThrownBy(() -> conv.kernelSize(4).build())
        .hasMessage("kernelSize = 4: must be odd and at least 1 (e.g. 3 or 5)");
    assertThatThrownBy(() -> RdConfig.mlp(8, 2).lambda(-1).build())
        .hasMessage("lambda = -1.0: must be finite and at least 0");
    assertThatThrownBy(() -> RdConfig.mlp(8, 0).build())
        .hasMessage("mlpLatentSize = 0: must be at least 1");
  }

  @Test
  void shouldRejectAFinalLearningRateAboveTheStartingOne() {
    assertThatThrownBy(() -> RdConfig.mlp(8, 2).learningRate(1e-3).finalLearningRate(2e-3).build())
        .hasMessage(
            "finalLearningRate = 0.002: must be finite, greater than 0 and at most learningRate ="
                + " 0.001");
    assertThat(RdConfig.mlp(8, 2).fixedLearningRate(5e-4).build().finalLearningRate())
        .isEqualTo(5e-4);
  }

  @Test
  void shouldRequireStrictlyIncreasingPositiveLadderSteps() {
    assertThatThrownBy(() -> RdConfig.mlp(8, 2).ladderSteps(List.of(1f, 1f)).build())
        .hasMessage("ladderSteps [1.0, 1.0]: steps must be strictly increasing");
    assertThatThrownBy(() -> RdConfig.mlp(8, 2).ladderSteps(List.of(0f)).build())
        .hasMessage("ladderSteps[0] = 0.0: every step must be finite and greater than 0");
    assertThatThrownBy(() -> RdConfig.mlp(8, 2).ladderSteps(List.of()).build())
        .hasMessage("ladderSteps is empty: give at least one step, e.g. 1");
  }

  @Test
  void shouldRejectAnEmptyImage() {
    assertThatThrownBy(() -> new ImageShape(28, 0, 1))
        .hasMessage("image width = 0: must be at least 1");
  }
}
