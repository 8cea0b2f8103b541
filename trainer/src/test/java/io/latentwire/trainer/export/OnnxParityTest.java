package io.latentwire.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.trainer.SyntheticData;
import io.latentwire.trainer.vae.OutputActivation;
import io.latentwire.trainer.vae.TrainedVae;
import io.latentwire.trainer.vae.TrainingProgressListener;
import io.latentwire.trainer.vae.VaeConfig;
import io.latentwire.trainer.vae.VaeTrainer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exported ONNX models, run by ONNX Runtime, compute what the trainer's own DJL forward pass
 * computes: {@code mu(x)} and {@code decoder(z)}, within {@value #TOLERANCE} per value.
 */
class OnnxParityTest {
  /** Both sides are float32 with different kernels; measured differences are around 1e-6. */
  private static final double TOLERANCE = 1e-4;

  private final VaeTrainer trainer = new VaeTrainer();
  private final OnnxExporter exporter = new OnnxExporter("0.1.0-test");

  @Test
  void shouldMatchDjlOnCorrelatedStandardisedRecords() throws Exception {
    int width = 32;
    float[] data = SyntheticData.correlated(512, width, 4, false, 21);
    VaeConfig config =
        VaeConfig.builder(width, 8)
            .hiddenSizes(64, 32)
            .outputActivation(OutputActivation.IDENTITY)
            .batchSize(64)
            .epochs(2)
            .seed(3)
            .build();

    try (TrainedVae vae = trainer.train(data, data, config, TrainingProgressListener.NONE)) {
      assertParity(vae, rows(data, width), 8);
    }
  }

  @Test
  void shouldMatchDjlOnImageSizedRecordsWithTheDefaultArchitecture() throws Exception {
    float[] images = SyntheticData.blobImages(64, 22);
    VaeConfig config = VaeConfig.builder(784, 32).batchSize(32).epochs(1).seed(4).build();

    try (TrainedVae vae = trainer.train(images, images, config, TrainingProgressListener.NONE)) {
      assertParity(vae, rows(images, 784), 32);
    }
  }

  @Test
  void shouldExportByteIdenticalModelsFromTwoTrainingsWithTheSameSeed() {
    float[] data = SyntheticData.correlated(256, 16, 3, true, 23);
    VaeConfig config = VaeConfig.builder(16, 4).hiddenSizes(32).batchSize(32).epochs(2).build();
    Map<String, String> provenance = Map.of("latentwire.seed", Long.toString(config.seed()));

    byte[][] first = trainAndExport(data, config, provenance);
    byte[][] second = trainAndExport(data, config, provenance);
    byte[][] reseeded = trainAndExport(data, config.toBuilder().seed(99).build(), provenance);

    assertThat(second[0]).isEqualTo(first[0]);
    assertThat(second[1]).isEqualTo(first[1]);
    assertThat(reseeded[0]).isNotEqualTo(first[0]);
  }

  private byte[][] trainAndExport(float[] data, VaeConfig config, Map<String, String> metadata) {
    try (TrainedVae vae = trainer.train(data, data, config, TrainingProgressListener.NONE)) {
      return new byte[][] {
        exporter.exportEncoder(vae.weights(), metadata),
        exporter.exportDecoder(vae.weights(), metadata)
      };
    }
  }

  private void assertParity(TrainedVae vae, float[][] records, int latent) throws Exception {
    float[][] djlMu = vae.encodeMean(records);
    float[][] randomCodes = gaussian(records.length, latent, 5);
    float[][] djlFromMu = vae.decode(djlMu);
    float[][] djlFromRandom = vae.decode(randomCodes);

    try (OrtRunner encoder = new OrtRunner(exporter.exportEncoder(vae.weights(), Map.of()));
        OrtRunner decoder = new OrtRunner(exporter.exportDecoder(vae.weights(), Map.of()))) {
      double encoderDiff = maxAbsDiff(djlMu, encoder.run(OnnxExporter.ENCODER_INPUT, records));
      double decoderDiff =
          Math.max(
              maxAbsDiff(djlFromMu, decoder.run(OnnxExporter.DECODER_INPUT, djlMu)),
              maxAbsDiff(djlFromRandom, decoder.run(OnnxExporter.DECODER_INPUT, randomCodes)));
      System.out.printf(
          "parity %d-dim: encoder max |diff| = %.3g, decoder max |diff| = %.3g%n",
          records[0].length, encoderDiff, decoderDiff);
      assertThat(encoderDiff).isLessThanOrEqualTo(TOLERANCE);
      assertThat(decoderDiff).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  private static double maxAbsDiff(float[][] expected, float[][] actual) {
    assertThat(actual.length).isEqualTo(expected.length);
    double max = 0;
    for (int r = 0; r < expected.length; r++) {
      assertThat(actual[r]).hasSameSizeAs(expected[r]);
      for (int c = 0; c < expected[r].length; c++) {
        max = Math.max(max, Math.abs(expected[r][c] - actual[r][c]));
      }
    }
    return max;
  }

  private static float[][] rows(float[] flat, int width) {
    float[][] rows = new float[flat.length / width][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }
    return rows;
  }

  private static float[][] gaussian(int rows, int width, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] codes = new float[rows][width];
    for (float[] row : codes) {
      for (int i = 0; i < width; i++) {
        row[i] = (float) random.nextGaussian();
      }
    }
    return codes;
  }
}
