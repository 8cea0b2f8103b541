package io.latentwire.trainer.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.trainer.SyntheticData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VaeTrainerTest {
  private static final int WIDTH = 32;

  private final VaeTrainer trainer = new VaeTrainer();

  private static VaeConfig.Builder smallConfig() {
    return VaeConfig.builder(WIDTH, 4).hiddenSizes(64, 32).batchSize(64).learningRate(3e-3);
  }

  @Test
  void shouldReduceLossAndValidationErrorOverEpochsOnStructuredData() {
    float[] all = SyntheticData.correlated(640, WIDTH, 3, true, 1);
    float[] train = Arrays.copyOfRange(all, 0, 512 * WIDTH);
    float[] validation = Arrays.copyOfRange(all, 512 * WIDTH, all.length);
    List<EpochStats> reported = new ArrayList<>();
    TrainingProgressListener listener =
        new TrainingProgressListener() {
          @Override
          public void onEpoch(EpochStats stats) {
            reported.add(stats);
          }
        };

    try (TrainedVae vae =
        trainer.train(train, validation, smallConfig().epochs(6).build(), listener)) {
      List<EpochStats> history = vae.history();
      assertThat(history).hasSize(6).isEqualTo(reported);
      assertThat(vae.stopReason()).isEqualTo(StopReason.EPOCHS_COMPLETED);
      EpochStats first = history.get(0);
      EpochStats last = history.get(history.size() - 1);
      assertThat(last.trainLoss()).isLessThan(0.5 * first.trainLoss());
      assertThat(last.validationMse()).isLessThan(0.5 * first.validationMse());
      assertThat(history).allSatisfy(s -> assertThat(s.complete()).isTrue());
      assertThat(vae.reconstructionMse(validation)).isCloseTo(last.validationMse(), within(1e-6));
    }
  }

  @Test
  void shouldReportEveryBatchWithItsPositionInTheEpoch() {
    float[] train = SyntheticData.correlated(200, WIDTH, 3, true, 3);
    List<BatchProgress> batches = new ArrayList<>();
    TrainingProgressListener listener =
        new TrainingProgressListener() {
          @Override
          public void onBatch(BatchProgress progress) {
            batches.add(progress);
          }
        };

    try (TrainedVae vae =
        trainer.train(train, new float[0], smallConfig().epochs(2).build(), listener)) {
      // 200 rows at batch 64: 3 full batches and one of 8 rows, per epoch.
      assertThat(batches).hasSize(8);
      assertThat(batches.get(3).batchesDone()).isEqualTo(4);
      assertThat(batches.get(3).batchesPerEpoch()).isEqualTo(4);
      assertThat(batches.get(4).epoch()).isEqualTo(2);
      assertThat(batches).allSatisfy(b -> assertThat(b.runningLoss()).isFinite());
      assertThat(vae.history().get(1).validationMse()).isNaN();
    }
  }

  @Test
  void shouldStopAfterOneBatchWhenTheTimeBudgetIsAlreadySpent() {
    float[] train = SyntheticData.correlated(256, WIDTH, 3, true, 4);
    VaeConfig config = smallConfig().epochs(50).timeBudget(Duration.ofNanos(1)).build();

    try (TrainedVae vae = trainer.train(train, train, config, TrainingProgressListener.NONE)) {
      assertThat(vae.stopReason()).isEqualTo(StopReason.TIME_BUDGET_EXHAUSTED);
      assertThat(vae.history()).hasSize(1);
      assertThat(vae.history().get(0).batchesDone()).isEqualTo(1);
      assertThat(vae.history().get(0).complete()).isFalse();
      assertThat(vae.history().get(0).validationMse()).isFinite();
    }
  }

  @Test
  void shouldTrainBitIdenticalWeightsFromTheSameSeed() {
    float[] train = SyntheticData.correlated(256, WIDTH, 3, true, 5);
    VaeConfig config = smallConfig().epochs(2).seed(7).build();

    VaeWeights first;
    VaeWeights second;
    VaeWeights otherSeed;
    try (TrainedVae vae = trainer.train(train, train, config, TrainingProgressListener.NONE)) {
      first = vae.weights();
    }
    try (TrainedVae vae = trainer.train(train, train, config, TrainingProgressListener.NONE)) {
      second = vae.weights();
    }
    VaeConfig reseeded = config.toBuilder().seed(8).build();
    try (TrainedVae vae = trainer.train(train, train, reseeded, TrainingProgressListener.NONE)) {
      otherSeed = vae.weights();
    }

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void shouldEncodeAndDecodeDeterministicallyWithTheConfiguredShapes() {
    float[] train = SyntheticData.correlated(128, WIDTH, 3, true, 6);
    float[][] records = RowBuffers.unflatten(train, WIDTH);

    try (TrainedVae vae =
        trainer.train(
            train, train, smallConfig().epochs(1).build(), TrainingProgressListener.NONE)) {
      float[][] codes = vae.encodeMean(records);
      assertThat(codes).hasDimensions(128, 4);
      assertThat(vae.encodeMean(records)).isDeepEqualTo(codes);
      float[][] reconstructions = vae.decode(codes);
      assertThat(reconstructions).hasDimensions(128, WIDTH);
      for (float[] row : reconstructions) {
        for (float value : row) {
          assertThat(value).isBetween(0f, 1f); // sigmoid output
        }
      }
    }
  }

  @Test
  void shouldLeaveNoLogVarianceHeadInTheExportedWeights() {
    float[] train = SyntheticData.correlated(64, WIDTH, 3, true, 9);
    try (TrainedVae vae =
        trainer.train(
            train, train, smallConfig().epochs(1).build(), TrainingProgressListener.NONE)) {
      VaeWeights weights = vae.weights();
      assertThat(weights.encoderHidden()).extracting(DenseLayer::outputs).containsExactly(64, 32);
      assertThat(weights.mu().outputs()).isEqualTo(4);
      assertThat(weights.decoderLayers())
          .extracting(DenseLayer::outputs)
          .containsExactly(32, 64, WIDTH);
    }
  }

  @Test
  void shouldRejectATrainingBufferThatIsNotAWholeNumberOfRows() {
    float[] ragged = new float[WIDTH * 3 + 5];
    assertThatThrownBy(
            () ->
                trainer.train(
                    ragged, new float[0], smallConfig().build(), TrainingProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trainRows")
        .hasMessageContaining("inputSize = 32");
  }

  @Test
  void shouldNameTheRowAndColumnOfANonFiniteValue() {
    float[] train = SyntheticData.correlated(8, WIDTH, 3, true, 10);
    train[3 * WIDTH + 5] = Float.NaN;
    assertThatThrownBy(
            () ->
                trainer.train(
                    train, new float[0], smallConfig().build(), TrainingProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trainRows row 3 column 5 is NaN");
  }

  @Test
  void shouldTrainTheSameModelFromMatricesAsFromRowMajorBuffers() {
    float[] train = SyntheticData.correlated(96, WIDTH, 3, true, 13);
    float[][] matrix = RowBuffers.unflatten(train, WIDTH);
    VaeConfig config = smallConfig().epochs(1).build();

    try (TrainedVae fromBuffer =
            trainer.train(train, train, config, TrainingProgressListener.NONE);
        TrainedVae fromMatrix =
            trainer.train(matrix, new float[0][], config, TrainingProgressListener.NONE)) {
      assertThat(fromMatrix.weights()).isEqualTo(fromBuffer.weights());
    }
  }

  @Test
  void shouldRefuseASecondConcurrentTrainingInsteadOfFailingMidway() throws Exception {
    float[] train = SyntheticData.correlated(64, WIDTH, 3, true, 14);
    VaeConfig config = smallConfig().epochs(1).build();
    CountDownLatch firstIsTraining = new CountDownLatch(1);
    CountDownLatch secondWasTried = new CountDownLatch(1);
    TrainingProgressListener pausing =
        new TrainingProgressListener() {
          @Override
          public void onBatch(BatchProgress progress) {
            firstIsTraining.countDown();
            try {
              secondWasTried.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<TrainedVae> first =
          executor.submit(() -> trainer.train(train, train, config, pausing));
      assertThat(firstIsTraining.await(30, TimeUnit.SECONDS)).isTrue();

      assertThatThrownBy(() -> trainer.train(train, train, config, TrainingProgressListener.NONE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another training is running");
      secondWasTried.countDown();
      first.get(30, TimeUnit.SECONDS).close();
    } finally {
      secondWasTried.countDown();
      executor.shutdownNow();
    }
    // The lock is released: training works again.
    trainer.train(train, train, config, TrainingProgressListener.NONE).close();
  }

  @Test
  void shouldRejectInferenceAfterClose() {
    float[] train = SyntheticData.correlated(64, WIDTH, 3, true, 11);
    TrainedVae vae =
        trainer.train(train, train, smallConfig().epochs(1).build(), TrainingProgressListener.NONE);
    vae.close();
    vae.close(); // idempotent

    assertThatThrownBy(() -> vae.encodeMean(new float[WIDTH]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(vae.weights().inputSize()).isEqualTo(WIDTH);
  }

  @Test
  void shouldNameTheRaggedRowGivenToTheEncoder() {
    float[] train = SyntheticData.correlated(64, WIDTH, 3, true, 12);
    try (TrainedVae vae =
        trainer.train(
            train, train, smallConfig().epochs(1).build(), TrainingProgressListener.NONE)) {
      float[][] records = {new float[WIDTH], new float[WIDTH - 1]};
      assertThatThrownBy(() -> vae.encodeMean(records))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("records row 1 has 31 values, expected 32");
    }
  }
}
