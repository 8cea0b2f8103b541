package io.latentwire.codec.metrics;

import io.latentwire.codec.normalize.Normalization;

/**
 * Accumulates reconstruction error over many rows.
 *
 * <p>PSNR is pooled over all values, each error taken relative to its feature's range: {@code PSNR
 * = 10 log10(1 / mean((err / range)^2))}. For uint8 images (range 255) this is the usual image PSNR
 * on [0, 1] pixels, the figure ANCHORS.md quotes. Max abs error is in raw units.
 */
public final class FidelityMeter {
  private final Normalization normalization;
  private double sumSquaredRelative;
  private long values;
  private long rows;
  private double maxAbsError;
  private double maxRelativeError;

  public FidelityMeter(Normalization normalization) {
    this.normalization = normalization;
  }

  /** Adds row-major original and reconstructed raw rows. */
  public void add(float[] original, float[] reconstructed, int batch) {
    int n = normalization.size();
    if (original.length != batch * n || reconstructed.length != batch * n) {
      throw new IllegalArgumentException(
          "expected "
              + batch
              + " x "
              + n
              + " values, got "
              + original.length
              + " and "
              + reconstructed.length);
    }
    for (int i = 0; i < original.length; i++) {
      double err = Math.abs((double) original[i] - reconstructed[i]);
      double rel = err / normalization.range(i % n);
      sumSquaredRelative += rel * rel;
      if (err > maxAbsError) {
        maxAbsError = err;
      }
      if (rel > maxRelativeError) {
        maxRelativeError = rel;
      }
    }
    values += original.length;
    rows += batch;
  }

  public long rows() {
    return rows;
  }

  /** PSNR in dB; infinite for a perfect reconstruction, NaN with no data. */
  public double psnrDb() {
    if (values == 0) {
      return Double.NaN;
    }
    double mse = sumSquaredRelative / values;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
  }

  /** Largest absolute error, raw units. */
  public double maxAbsError() {
    return maxAbsError;
  }

  /** Largest error relative to its feature's range. */
  public double maxRelativeError() {
    return maxRelativeError;
  }
}
