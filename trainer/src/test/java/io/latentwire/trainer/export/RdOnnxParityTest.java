package io.latentwire.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import io.latentwire.trainer.SyntheticData;
import io.latentwire.trainer.nn.OutputActivation;
import io.latentwire.trainer.rd.ImageShape;
import io.latentwire.trainer.rd.RdConfig;
import io.latentwire.trainer.rd.RdProgressListener;
import io.latentwire.trainer.rd.RdTrainer;
import io.latentwire.trainer.rd.TrainedRdModel;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exported rate–distortion models, run by ONNX Runtime, compute what the trainer's DJL
 * deployment path computes: the centred code {@code y(x) − offset} and {@code decoder(z + offset)},
 * within {@value #TOLERANCE} per value.
 */
class RdOnnxParityTest {
  /** Both sides are float32 with different kernels; measured differences are around 1e-6. */
  private static final double TOLERANCE = 1e-4;

  private final RdTrainer trainer = new RdTrainer();
  private final OnnxExporter exporter = new OnnxExporter("0.1.0-test");

  @Test
  void shouldMatchDjlForAConvolutionalModelOfFashionSizedImages() throws OrtException {
    float[] images = SyntheticData.blobImages(48, 31);
    RdConfig config =
        RdConfig.conv2d(new ImageShape(28, 28, 1))
            .convChannels(8)
            .latentChannels(4)
            .batchSize(16)
            .epochs(1)
            .seed(11)
            .build();

    try (TrainedRdModel model = trainer.train(images, images, config, RdProgressListener.NONE)) {
      assertParity(model, images);
    }
  }

  @Test
  void shouldMatchDjlForAConvolutionalModelOfOddSizedMultiChannelImages() throws OrtException {
    // 12 x 9 x 3: the decoder crops 6 -> 5 and 10 -> 9 columns, and the channels are interleaved.
    ImageShape shape = new ImageShape(12, 9, 3);
    float[] images = smoothImages(40, shape, 32);
    RdConfig config =
        RdConfig.conv2d(shape)
            .convChannels(6)
            .latentChannels(3)
            .downsamplings(2)
            .kernelSize(3)
            .outputActivation(OutputActivation.IDENTITY)
            .batchSize(8)
            .epochs(1)
            .seed(12)
            .build();

    try (TrainedRdModel model = trainer.train(images, images, config, RdProgressListener.NONE)) {
      assertParity(model, images);
    }
  }

  @Test
  void shouldMatchDjlForAOneDimensionalConvolutionalModelOfTwoChannelWindows() throws OrtException {
    // 50 samples x 2 channels: 50 -> 25 -> 13, and the decoder crops 26 -> 25 on the way back.
    int length = 50;
    float[] windows = new float[60 * length * 2];
    SplittableRandom random = new SplittableRandom(35);
    for (int w = 0; w < 60; w++) {
      double phase = random.nextDouble(0, 6.3);
      double freq = random.nextDouble(0.1, 0.5);
      for (int t = 0; t < length; t++) {
        windows[(w * length + t) * 2] = (float) Math.sin(phase + freq * t);
        windows[(w * length + t) * 2 + 1] = (float) Math.cos(phase + 0.5 * freq * t);
      }
    }
    RdConfig config =
        RdConfig.conv1d(length, 2)
            .convChannels(8)
            .latentChannels(3)
            .downsamplings(2)
            .outputActivation(OutputActivation.IDENTITY)
            .batchSize(16)
            .epochs(2)
            .seed(13)
            .build();

    try (TrainedRdModel model = trainer.train(windows, windows, config, RdProgressListener.NONE)) {
      assertThat(model.latentSize()).isEqualTo(3 * 13);
      assertThat(model.weights()).isInstanceOf(io.latentwire.trainer.rd.RdWeights.Conv1d.class);
      assertParity(model, windows);
    }
  }

  @Test
  void shouldMatchDjlForAnMlpModel() throws OrtException {
    float[] data = SyntheticData.correlated(256, 24, 4, true, 33);
    RdConfig config = RdConfig.mlp(24, 6).hiddenSizes(32, 16).batchSize(32).epochs(2).build();

    try (TrainedRdModel model = trainer.train(data, data, config, RdProgressListener.NONE)) {
      assertParity(model, data);
    }
  }

  @Test
  void shouldExportByteIdenticalModelsFromTwoTrainingsWithTheSameSeed() {
    float[] images = SyntheticData.blobImages(32, 34);
    RdConfig config =
        RdConfig.conv2d(new ImageShape(28, 28, 1))
            .convChannels(4)
            .latentChannels(2)
            .batchSize(16)
            .epochs(1)
            .build();
    Map<String, String> provenance = Map.of("latentwire.seed", Long.toString(config.seed()));

    byte[][] first = trainAndExport(images, config, provenance);
    byte[][] second = trainAndExport(images, config, provenance);
    byte[][] reseeded = trainAndExport(images, config.toBuilder().seed(99).build(), provenance);

    assertThat(second[0]).isEqualTo(first[0]);
    assertThat(second[1]).isEqualTo(first[1]);
    assertThat(reseeded[0]).isNotEqualTo(first[0]);
  }

  private byte[][] trainAndExport(float[] data, RdConfig config, Map<String, String> metadata) {
    try (TrainedRdModel model = trainer.train(data, data, config, RdProgressListener.NONE)) {
      return new byte[][] {
        exporter.exportEncoder(model.weights(), metadata),
        exporter.exportDecoder(model.weights(), metadata)
      };
    }
  }

  private void assertParity(TrainedRdModel model, float[] records) throws OrtException {
    int width = model.config().inputSize();
    int latent = model.latentSize();
    float[] djlCodes = model.encode(records);
    float[] randomCodes = gaussian(records.length / width * latent, 5);
    float[] djlFromCodes = model.decode(djlCodes);
    float[] djlFromRandom = model.decode(randomCodes);

    try (OrtRunner encoder = new OrtRunner(exporter.exportEncoder(model.weights(), Map.of()));
        OrtRunner decoder = new OrtRunner(exporter.exportDecoder(model.weights(), Map.of()))) {
      double encoderDiff =
          maxAbsDiff(djlCodes, run(encoder, OnnxExporter.ENCODER_INPUT, records, width));
      double decoderDiff =
          Math.max(
              maxAbsDiff(djlFromCodes, run(decoder, OnnxExporter.DECODER_INPUT, djlCodes, latent)),
              maxAbsDiff(
                  djlFromRandom, run(decoder, OnnxExporter.DECODER_INPUT, randomCodes, latent)));
      System.out.printf(
          "rd parity %s: encoder max |diff| = %.3g, decoder max |diff| = %.3g%n",
          model, encoderDiff, decoderDiff);
      assertThat(encoderDiff).isLessThanOrEqualTo(TOLERANCE);
      assertThat(decoderDiff).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  private static float[] run(OrtRunner runner, String input, float[] flat, int width)
      throws OrtException {
    float[][] rows = new float[flat.length / width][width];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(flat, r * width, rows[r], 0, width);
    }
    float[][] out = runner.run(input, rows);
    float[] result = new float[out.length * out[0].length];
    for (int r = 0; r < out.length; r++) {
      System.arraycopy(out[r], 0, result, r * out[r].length, out[r].length);
    }
    return result;
  }

  private static double maxAbsDiff(float[] expected, float[] actual) {
    assertThat(actual).hasSameSizeAs(expected);
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    return max;
  }

  /** Channel-last images whose channels differ, so a wrong interleaving would show. */
  private static float[] smoothImages(int count, ImageShape shape, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = new float[count * shape.values()];
    for (int n = 0; n < count; n++) {
      double fx = random.nextDouble(0.2, 1.2);
      double fy = random.nextDouble(0.2, 1.2);
      for (int y = 0; y < shape.height(); y++) {
        for (int x = 0; x < shape.width(); x++) {
          for (int c = 0; c < shape.channels(); c++) {
            int i = n * shape.values() + (y * shape.width() + x) * shape.channels() + c;
            data[i] = (float) (Math.sin(fx * x + c) * Math.cos(fy * y - c) + 0.1 * c);
          }
        }
      }
    }
    return data;
  }

  private static float[] gaussian(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) (2 * random.nextGaussian());
    }
    return values;
  }
}
