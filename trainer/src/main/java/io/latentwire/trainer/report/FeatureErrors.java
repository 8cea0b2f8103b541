package io.latentwire.trainer.report;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import java.util.Arrays;

/**
 * Reconstruction error per feature, measured the way production runs the model: raw rows through
 * {@link LatentCodec} (ONNX Runtime encoder, quantization, entropy-coded payload, decoder) at one
 * operating point.
 *
 * @param operatingPoint index of the operating point measured
 * @param rmse root mean squared error of each feature, raw units
 * @param maxAbs largest absolute error of each feature, raw units
 * @param range each feature's range from the normalization (what PSNR is relative to)
 * @param reconstructed the decoded rows, row-major, same layout as the sample
 * @param psnrDb PSNR over all values, as {@link FidelityMeter} (and so the manifest) defines it
 * @param maxAbsError largest absolute error over all values, raw units
 * @param meanPayloadBytes mean payload size per record
 */
public record FeatureErrors(
    int operatingPoint,
    double[] rmse,
    double[] maxAbs,
    float[] range,
    float[] reconstructed,
    double psnrDb,
    double maxAbsError,
    double meanPayloadBytes) {

  private static final int CHUNK = 256;

  /**
   * Encodes and decodes every row of {@code sample} at {@code operatingPoint}.
   *
   * @param bundle the model; the codec opened on it is closed before returning
   * @throws IllegalArgumentException when the sample's width is not the model's input size or the
   *     operating point does not exist
   */
  public static FeatureErrors measure(
      ModelBundle bundle, ValidationSample sample, int operatingPoint) {
    int width = bundle.manifest().inputSize();
    if (sample.width() != width) {
      throw new IllegalArgumentException(
          "the sample has " + sample.width() + " features per row; the model takes " + width);
    }
    double[] sumSq = new double[width];
    double[] maxAbs = new double[width];
    float[] reconstructed = new float[sample.rawRows().length];
    FidelityMeter meter = new FidelityMeter(bundle.manifest().normalization());
    long payloadBytes = 0;
    // Latents only, as the ladder's metrics are measured, whatever default bound the bundle has.
    EncodeSettings settings =
        EncodeSettings.defaults().withOperatingPoint(operatingPoint).withoutMaxAbsError();
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      for (int start = 0; start < sample.rows(); start += CHUNK) {
        int n = Math.min(CHUNK, sample.rows() - start);
        float[] part = Arrays.copyOfRange(sample.rawRows(), start * width, (start + n) * width);
        byte[][] payloads = codec.encode(part, n, settings);
        for (byte[] p : payloads) {
          payloadBytes += p.length;
        }
        float[] back = codec.decode(payloads);
        meter.add(part, back, n);
        System.arraycopy(back, 0, reconstructed, start * width, back.length);
        for (int i = 0; i < part.length; i++) {
          double err = Math.abs((double) part[i] - back[i]);
          int f = i % width;
          sumSq[f] += err * err;
          maxAbs[f] = Math.max(maxAbs[f], err);
        }
      }
    }
    double[] rmse = new double[width];
    for (int f = 0; f < width; f++) {
      rmse[f] = Math.sqrt(sumSq[f] / sample.rows());
    }
    return new FeatureErrors(
        operatingPoint,
        rmse,
        maxAbs,
        bundle.manifest().normalization().range(),
        reconstructed,
        meter.psnrDb(),
        meter.maxAbsError(),
        (double) payloadBytes / sample.rows());
  }

  /** RMSE of feature {@code f} as a percentage of its range. */
  public double rmsePercentOfRange(int f) {
    return 100 * rmse[f] / range[f];
  }

  /** Feature indexes, worst RMSE relative to range first, at most {@code n}. */
  public int[] worst(int n) {
    Integer[] idx = new Integer[rmse.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(rmsePercentOfRange(b), rmsePercentOfRange(a)));
    return Arrays.stream(idx).limit(n).mapToInt(Integer::intValue).toArray();
  }
}
