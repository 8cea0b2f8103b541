package io.latentwire.codec.quant;

import io.latentwire.codec.entropy.ContextResidualModel;
import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.normalize.Normalization;
import java.util.Arrays;

/**
 * Fits {@link ResidualStatistics} on training rows and the model's reconstructions of them: per
 * feature mean residual, the row width that best predicts where residuals cluster, and the prior
 * probability of every context decision, counted over a ladder of bounds so one table serves any
 * bound (classes scale with the bound, so the counts pool).
 *
 * <p>Deterministic: the same rows give the same statistics. Stateless.
 */
public final class ResidualStatisticsFitter {
  /** Bounds the priors are counted at, as fractions of each feature's range. */
  static final double[] REFERENCE_BOUNDS = {0.005, 0.01, 0.02, 0.04, 0.066, 0.1, 0.15, 0.22};

  /** Widest image row tried. */
  static final int MAX_WIDTH = 256;

  /** Rows used to choose the width. */
  private static final int WIDTH_ROWS = 500;

  /** A width must beat "previous two values" by this fraction of its cost to be chosen. */
  private static final double WIDTH_GAIN = 0.02;

  private ResidualStatisticsFitter() {}

  /**
   * Fits statistics.
   *
   * @param quantizer the model's residual quantizer
   * @param normalization the model's normalization (feature ranges set the reference bounds)
   * @param rawRows {@code rows * featureCount} raw training values, row-major
   * @param xhat the model's reconstructions of those rows at its default operating point
   * @param rows number of rows, >= 1
   */
  public static ResidualStatistics fit(
      ResidualQuantizer quantizer,
      Normalization normalization,
      float[] rawRows,
      float[] xhat,
      int rows) {
    int n = quantizer.featureCount();
    if (rows < 1 || rawRows.length != rows * n || xhat.length != rows * n) {
      throw new IllegalArgumentException(
          "need rows >= 1 and "
              + rows
              + " x "
              + n
              + " raw values and reconstructions, got "
              + rawRows.length
              + " and "
              + xhat.length);
    }
    float[] meanAbs = meanAbsResidual(rawRows, xhat, rows, n);
    float[] range = normalization.range();
    int width = chooseWidth(quantizer, range, rawRows, xhat, Math.min(rows, WIDTH_ROWS), n);
    int[] half = new int[ContextResidualModel.STATE_COUNT];
    Arrays.fill(half, 1 << 14);
    float[] ratios = new float[REFERENCE_BOUNDS.length];
    int[][] priors = new int[REFERENCE_BOUNDS.length][];
    for (int t = 0; t < REFERENCE_BOUNDS.length; t++) {
      float[] bounds = referenceBounds(range, REFERENCE_BOUNDS[t]);
      ratios[t] = typicalRatio(bounds, meanAbs, REFERENCE_BOUNDS[t]);
      priors[t] = countPriors(quantizer, rawRows, xhat, rows, n, width, meanAbs, bounds);
    }
    // Ratios must ascend for tableFor's nearest search to be meaningful; equal ones are harmless.
    return new ResidualStatistics(ResidualStatistics.LAYOUT, width, meanAbs, ratios, priors);
  }

  /** Geometric mean of bound / meanAbs over features where both are positive. */
  private static float typicalRatio(float[] bounds, float[] meanAbs, double fallback) {
    double logSum = 0;
    int count = 0;
    for (int i = 0; i < bounds.length; i++) {
      if (bounds[i] > 0 && meanAbs[i] > 0) {
        logSum += StrictMath.log(bounds[i] / (double) meanAbs[i]);
        count++;
      }
    }
    return (float) (count == 0 ? fallback : StrictMath.exp(logSum / count));
  }

  /** Counts every context decision of the rows' residuals under {@code bounds}. */
  private static int[] countPriors(
      ResidualQuantizer quantizer,
      float[] rawRows,
      float[] xhat,
      int rows,
      int n,
      int width,
      float[] meanAbs,
      float[] bounds) {
    long[] zeros = new long[ContextResidualModel.STATE_COUNT];
    long[] ones = new long[ContextResidualModel.STATE_COUNT];
    int[] half = new int[ContextResidualModel.STATE_COUNT];
    Arrays.fill(half, 1 << 14);
    ResidualStatistics provisional =
        new ResidualStatistics(
            ResidualStatistics.LAYOUT, width, meanAbs, new float[] {1f}, new int[][] {half});
    ContextResidualModel model = new ContextResidualModel(provisional, n);
    ContextResidualModel.BitSink counter =
        new ContextResidualModel.BitSink() {
          @Override
          public void bit(int[] states, int index, int bit) {
            (bit == 0 ? zeros : ones)[index]++;
          }

          @Override
          public void direct(int value, int count) {}
        };
    ResidualCode code = new ResidualCode(bounds);
    for (int r = 0; r < rows; r++) {
      quantizer.quantize(rawRows, r * n, xhat, r * n, code);
      model.reset(bounds, 0);
      for (int i = 0; i < n; i++) {
        if (!code.isBounded(i)) {
          continue;
        }
        if (code.isExact(i)) {
          model.encodeExact(counter, i, code.value(i));
        } else {
          model.encode(counter, i, code.value(i));
        }
      }
    }
    return ResidualStatistics.priorsFromCounts(zeros, ones);
  }

  private static float[] meanAbsResidual(float[] raw, float[] xhat, int rows, int n) {
    double[] sum = new double[n];
    int[] count = new int[n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        double d = Math.abs((double) raw[r * n + i] - xhat[r * n + i]);
        if (Double.isFinite(d)) {
          sum[i] += d;
          count[i]++;
        }
      }
    }
    float[] mean = new float[n];
    for (int i = 0; i < n; i++) {
      mean[i] = count[i] == 0 ? 0f : (float) (sum[i] / count[i]);
    }
    return mean;
  }

  private static float[] referenceBounds(float[] range, double fraction) {
    float[] bounds = new float[range.length];
    for (int i = 0; i < range.length; i++) {
      bounds[i] = ResidualCode.roundDownBound((float) (fraction * range[i]));
    }
    return bounds;
  }

  /**
   * The row width whose "left and up are nonzero" context predicts nonzero residuals best, at a
   * mid-ladder bound; 0 when no width beats the previous two values clearly.
   */
  private static int chooseWidth(
      ResidualQuantizer quantizer, float[] range, float[] raw, float[] xhat, int rows, int n) {
    float[] bounds = referenceBounds(range, 0.066);
    ResidualCode code = new ResidualCode(bounds);
    boolean[] nonzero = new boolean[rows * n];
    for (int r = 0; r < rows; r++) {
      quantizer.quantize(raw, r * n, xhat, r * n, code);
      for (int i = 0; i < n; i++) {
        nonzero[r * n + i] = code.isExact(i) || code.value(i) != 0;
      }
    }
    double best = cost(nonzero, rows, n, 0);
    double baseline = best;
    int bestWidth = 0;
    for (int w = 2; w <= Math.min(MAX_WIDTH, n / 2); w++) {
      double c = cost(nonzero, rows, n, w);
      if (c < best) {
        best = c;
        bestWidth = w;
      }
    }
    return best < baseline * (1 - WIDTH_GAIN) ? bestWidth : 0;
  }

  /** Empirical conditional entropy (bits) of the nonzero flags given two earlier flags. */
  private static double cost(boolean[] nonzero, int rows, int n, int width) {
    long[] counts = new long[8];
    for (int r = 0; r < rows; r++) {
      int base = r * n;
      for (int i = 0; i < n; i++) {
        boolean a;
        boolean b;
        if (width >= 2) {
          a = i % width > 0 && nonzero[base + i - 1];
          b = i >= width && nonzero[base + i - width];
        } else {
          a = i > 0 && nonzero[base + i - 1];
          b = i > 1 && nonzero[base + i - 2];
        }
        int ctx = (a ? 2 : 0) + (b ? 1 : 0);
        counts[ctx * 2 + (nonzero[base + i] ? 1 : 0)]++;
      }
    }
    double bits = 0;
    for (int ctx = 0; ctx < 4; ctx++) {
      long c0 = counts[ctx * 2];
      long c1 = counts[ctx * 2 + 1];
      long t = c0 + c1;
      for (long c : new long[] {c0, c1}) {
        if (c > 0) {
          bits -= c * (StrictMath.log((double) c / t) / StrictMath.log(2));
        }
      }
    }
    return bits;
  }
}
