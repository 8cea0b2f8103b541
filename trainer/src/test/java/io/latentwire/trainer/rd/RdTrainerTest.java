package io.latentwire.trainer.rd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.entropy.FrequencyTable;
import io.latentwire.trainer.SyntheticData;
import io.latentwire.trainer.nn.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdTrainerTest {
  private static final int WIDTH = 16;

  private final RdTrainer trainer = new RdTrainer();

  private static RdConfig.Builder smallMlp(int latent) {
    return RdConfig.mlp(WIDTH, latent)
        .hiddenSizes(64, 32)
        .batchSize(32)
        .fixedLearningRate(3e-3)
        .ladderSteps(List.of(0.5f, 1f, 2f));
  }

  @Test
  void shouldLowerTheObjectiveAndTheRoundedErrorOverEpochs() {
    float[] all = SyntheticData.correlated(640, WIDTH, 3, true, 1);
    float[] train = Arrays.copyOfRange(all, 0, 512 * WIDTH);
    float[] validation = Arrays.copyOfRange(all, 512 * WIDTH, all.length);
    List<RdEpochStats> reported = new ArrayList<>();
    RdProgressListener listener =
        new RdProgressListener() {
          @Override
          public void onEpoch(RdEpochStats stats) {
            reported.add(stats);
          }
        };

    try (TrainedRdModel model =
        trainer.train(train, validation, smallMlp(8).lambda(0.01).epochs(8).build(), listener)) {
      List<RdEpochStats> history = model.history();
      assertThat(history).hasSize(8).isEqualTo(reported);
      assertThat(model.stopReason()).isEqualTo(StopReason.EPOCHS_COMPLETED);
      RdEpochStats first = history.get(0);
      RdEpochStats last = history.get(history.size() - 1);
      assertThat(last.trainLoss()).isLessThan(0.5 * first.trainLoss());
      assertThat(last.validationMse()).isLessThan(first.validationMse());
      assertThat(last.trainRateBits()).isPositive();
      assertThat(last.validationRateBits()).isPositive();
    }
  }

  @Test
  void shouldSpendFewerBitsAndLoseFidelityWhenBitsCostMore() {
    float[] data = SyntheticData.correlated(512, WIDTH, 4, true, 2);

    TrainedRdModel cheapBits = train(data, 0.001);
    TrainedRdModel dearBits = train(data, 0.05);
    LadderPoint cheap = cheapBits.ladder(data, data).get(0);
    LadderPoint dear = dearBits.ladder(data, data).get(0);
    cheapBits.close();
    dearBits.close();

    System.out.printf(
        "bytes %.2f -> %.2f, PSNR %.2f -> %.2f dB%n",
        cheap.estimatedBytesPerRecord(),
        dear.estimatedBytesPerRecord(),
        cheap.psnrDb(),
        dear.psnrDb());
    // Payload bytes, without the fixed header.
    assertThat(dear.estimatedBytesPerRecord() - 2)
        .isLessThan(0.6 * (cheap.estimatedBytesPerRecord() - 2));
    assertThat(dear.psnrDb()).isLessThan(cheap.psnrDb() - 1);
    assertThat(last(dearBits).trainRateBits()).isLessThan(last(cheapBits).trainRateBits());
    assertThat(last(dearBits).validationRateBits())
        .isLessThan(last(cheapBits).validationRateBits());
  }

  private TrainedRdModel train(float[] data, double lambda) {
    RdConfig config = smallMlp(8).lambda(lambda).epochs(20).ladderSteps(List.of(1f)).build();
    return trainer.train(data, data, config, RdProgressListener.NONE);
  }

  private static RdEpochStats last(TrainedRdModel model) {
    return model.history().get(model.history().size() - 1);
  }

  @Test
  void shouldCollapseTheDimensionsTheDataDoesNotNeedToSymbolZero() {
    int factors = 2;
    int latent = 8;
    float[] data = SyntheticData.correlated(1024, WIDTH, factors, true, 3);
    RdConfig config = smallMlp(latent).lambda(0.05).epochs(12).build();

    try (TrainedRdModel model = trainer.train(data, data, config, RdProgressListener.NONE)) {
      LadderPoint unit = model.ladder(data, data).get(1);
      assertThat(unit.step()).isEqualTo(1f);
      int[] symbols =
          EntropyTables.quantize(
              model.encode(data), new io.latentwire.codec.quant.UniformQuantizer(1f));
      int collapsed = 0;
      for (int j = 0; j < latent; j++) {
        boolean allZero = true;
        for (int r = 0; r < symbols.length / latent && allZero; r++) {
          allZero = symbols[r * latent + j] == 0;
        }
        FrequencyTable table = unit.tables().get(j);
        if (allZero) {
          collapsed++;
          assertThat(table.minSymbol()).isZero();
          assertThat(table.size()).isEqualTo(1);
        }
      }
      System.out.println("collapsed dimensions: " + collapsed + " of " + latent);
      assertThat(collapsed).isGreaterThanOrEqualTo(latent - factors - 1);
      assertThat(unit.zeroFraction()).isGreaterThan(0.6);
    }
  }

  @Test
  void shouldOfferCoarserStepsThatCostFewerBytes() {
    float[] data = SyntheticData.correlated(512, WIDTH, 4, true, 4);
    try (TrainedRdModel model =
        trainer.train(
            data, data, smallMlp(8).lambda(0.005).epochs(6).build(), RdProgressListener.NONE)) {
      List<LadderPoint> ladder = model.ladder(data, data);

      assertThat(ladder).extracting(LadderPoint::step).containsExactly(0.5f, 1f, 2f);
      assertThat(ladder.get(0).estimatedBytesPerRecord())
          .isGreaterThan(ladder.get(1).estimatedBytesPerRecord());
      assertThat(ladder.get(1).estimatedBytesPerRecord())
          .isGreaterThan(ladder.get(2).estimatedBytesPerRecord());
      assertThat(ladder.get(2).estimatedBytesPerRecord()).isGreaterThanOrEqualTo(2.0);
      assertThat(ladder.get(0).psnrDb()).isGreaterThan(ladder.get(2).psnrDb());
      assertThat(ladder).allSatisfy(p -> assertThat(p.tables()).hasSize(8));
    }
  }

  @Test
  void shouldTrainAConvolutionalModelAndDecodeImagesOfTheRightShape() {
    float[] images = SyntheticData.blobImages(96, 5);
    RdConfig config =
        RdConfig.conv2d(new ImageShape(28, 28, 1))
            .convChannels(8)
            .latentChannels(4)
            .batchSize(32)
            .epochs(2)
            .lambda(0.01)
            .build();

    try (TrainedRdModel model = trainer.train(images, images, config, RdProgressListener.NONE)) {
      float[] codes = model.encode(images);
      assertThat(codes).hasSize(96 * 4 * 4 * 4);
      float[] reconstruction = model.decode(codes);
      assertThat(reconstruction).hasSize(images.length);
      for (float value : reconstruction) {
        assertThat(value).isBetween(0f, 1f);
      }
      assertThat(model.history().get(1).validationMse()).isFinite();
    }
  }

  @Test
  void shouldStopAfterOneBatchWhenTheTimeBudgetIsAlreadySpent() {
    float[] data = SyntheticData.correlated(256, WIDTH, 3, true, 6);
    RdConfig config = smallMlp(4).epochs(50).timeBudget(Duration.ofNanos(1)).build();

    try (TrainedRdModel model = trainer.train(data, data, config, RdProgressListener.NONE)) {
      assertThat(model.stopReason()).isEqualTo(StopReason.TIME_BUDGET_EXHAUSTED);
      assertThat(model.history()).hasSize(1);
      assertThat(model.history().get(0).complete()).isFalse();
    }
  }

  @Test
  void shouldRefuseToRunAfterClose() {
    float[] data = SyntheticData.correlated(64, WIDTH, 3, true, 7);
    TrainedRdModel model =
        trainer.train(data, new float[0], smallMlp(4).epochs(1).build(), RdProgressListener.NONE);
    model.close();

    assertThatThrownBy(() -> model.encode(data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(model.weights().latentSize()).isEqualTo(4);
    assertThat(model.history().get(0).validationMse()).isNaN();
  }

  @Test
  void shouldRejectATrainingBufferThatIsNotAWholeNumberOfRows() {
    float[] ragged = new float[WIDTH * 3 + 5];
    assertThatThrownBy(
            () -> trainer.train(ragged, new float[0], smallMlp(4).build(), RdProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trainRows has 53 values, not a multiple of inputSize = 16");
  }

  @Test
  void shouldStopEarlyAndRestoreTheWeightsOfTheBestValidationEpoch() {
    float[] all = SyntheticData.correlated(320, WIDTH, 3, true, 8);
    float[] train = Arrays.copyOfRange(all, 0, 256 * WIDTH);
    float[] validation = Arrays.copyOfRange(all, 256 * WIDTH, all.length);
    // A learning rate far too high makes the validation loss wander, so patience 1 must trigger.
    RdConfig config =
        smallMlp(4).lambda(0.01).fixedLearningRate(0.2).epochs(40).patience(1).build();

    try (TrainedRdModel model = trainer.train(train, validation, config, RdProgressListener.NONE)) {
      List<RdEpochStats> history = model.history();
      assertThat(model.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
      assertThat(history.size()).isLessThan(40);
      RdEpochStats best =
          history.stream()
              .min(java.util.Comparator.comparingDouble(RdEpochStats::validationLoss))
              .orElseThrow();
      assertThat(best.epoch()).isLessThan(history.size());
      // The model handed back is the best epoch's: its rounded-path error equals that epoch's.
      float[] decoded = model.decode(roundedCodes(model, validation));
      double mse = 0;
      for (int i = 0; i < decoded.length; i++) {
        mse += (decoded[i] - validation[i]) * (double) (decoded[i] - validation[i]);
      }
      mse /= decoded.length;
      RdEpochStats last = history.get(history.size() - 1);
      assertThat(mse).isCloseTo(best.validationMse(), org.assertj.core.data.Offset.offset(1e-5));
      assertThat(Math.abs(mse - last.validationMse())).isGreaterThan(1e-6);
    }
  }

  /** Codes rounded in the model's own (uncentred) units, recentred as encode() returns them. */
  private static float[] roundedCodes(TrainedRdModel model, float[] rows) {
    float[] codes = model.encode(rows);
    float[] offset = model.weights().latentOffset();
    for (int i = 0; i < codes.length; i++) {
      float o = offset[i % offset.length];
      codes[i] = Math.round(codes[i] + o) - o;
    }
    return codes;
  }

  @Test
  void shouldWarmUpThenDecayTheLearningRateAndRecordItPerEpoch() {
    float[] data = SyntheticData.correlated(320, WIDTH, 3, true, 9);
    RdConfig config =
        smallMlp(4).learningRate(4e-3).finalLearningRate(1e-4).epochs(6).warmupEpochs(2).build();

    try (TrainedRdModel model = trainer.train(data, data, config, RdProgressListener.NONE)) {
      List<RdEpochStats> h = model.history();
      assertThat(h.get(0).learningRate()).isLessThan(h.get(1).learningRate());
      assertThat(h.get(1).learningRate())
          .isCloseTo(4e-3, org.assertj.core.data.Offset.offset(4e-4));
      assertThat(h.get(5).learningRate())
          .isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-5));
      assertThat(h.get(3).learningRate()).isBetween(1e-4, 4e-3);
    }
  }

  @Test
  void shouldTrainTheSameWeightsFromARowSourceAsFromAnArray() {
    float[] data = SyntheticData.correlated(200, WIDTH, 3, true, 10);
    RdConfig config = smallMlp(4).epochs(2).build();
    float[] fromArray;
    float[] fromSource;
    try (TrainedRdModel model = trainer.train(data, data, config, RdProgressListener.NONE)) {
      fromArray = model.encode(data);
    }
    RowSource source = RowSource.of(data.clone(), WIDTH);
    try (TrainedRdModel model = trainer.train(source, data, config, RdProgressListener.NONE)) {
      fromSource = model.encode(data);
    }
    assertThat(fromSource).containsExactly(fromArray);
  }

  @Test
  void shouldNameTheRowAndColumnOfANonFiniteValueReadFromASource() {
    float[] data = SyntheticData.correlated(64, WIDTH, 3, true, 11);
    data[5 * WIDTH + 3] = Float.NaN;
    assertThatThrownBy(
            () ->
                trainer.train(
                    RowSource.of(data, WIDTH),
                    new float[0],
                    smallMlp(4).epochs(1).build(),
                    RdProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 5, column 3 is NaN");
  }
}
