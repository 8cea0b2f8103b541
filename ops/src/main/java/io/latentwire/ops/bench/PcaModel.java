package io.latentwire.ops.bench;

import java.util.Arrays;

/**
 * Principal components of a training set, for the PCA baseline: mean, the top components of the
 * covariance, and each coefficient's range over the training rows (what an 8-bit quantizer maps to
 * 0..255).
 *
 * <p>Reconstructions are clamped to each feature's training range: a decoder knows a pixel lies in
 * [0, 1], and PCA's linear sum otherwise overshoots it (which costs Fashion-MNIST about 0.15 dB).
 *
 * <p>Features are divided by a per-feature scale before the analysis, so PCA minimizes the same
 * range-relative squared error that PSNR measures (scale 1 for [0,1] pixels; the training range for
 * telemetry channels, whose units differ by orders of magnitude). Immutable and thread-safe.
 */
public final class PcaModel {
  /** Rows accumulated per block: keeps a block (about 1.6 MB for 784 features) in cache. */
  private static final int BLOCK_ROWS = 256;

  private final int width;
  private final float[] scale;
  private final double[] mean;
  private final double[][] components;

  /** components transposed, [feature][component]: projection as axpy, which the JIT vectorizes. */
  private final double[][] byFeature;

  private final double[] variances;
  private final double[] coefficientMin;
  private final double[] coefficientMax;
  private final float[] featureMin;
  private final float[] featureMax;

  private PcaModel(
      int width,
      float[] scale,
      double[] mean,
      double[][] components,
      double[] variances,
      double[] coefficientMin,
      double[] coefficientMax,
      float[] featureMin,
      float[] featureMax) {
    this.width = width;
    this.scale = scale;
    this.mean = mean;
    this.components = components;
    this.byFeature = new double[width][components.length];
    for (int c = 0; c < components.length; c++) {
      for (int j = 0; j < width; j++) {
        byFeature[j][c] = components[c][j];
      }
    }
    this.variances = variances;
    this.coefficientMin = coefficientMin;
    this.coefficientMax = coefficientMax;
    this.featureMin = featureMin;
    this.featureMax = featureMax;
  }

  /**
   * Fits the top {@code maxComponents} components on row-major training rows.
   *
   * @param rows {@code count * width} values (not modified)
   * @param featureScale one positive scale per feature (not modified)
   * @throws IllegalArgumentException on a ragged array, a non-positive scale, fewer than two rows
   *     or {@code maxComponents} outside 1..width
   */
  public static PcaModel fit(float[] rows, int width, float[] featureScale, int maxComponents) {
    if (width < 1 || rows.length % width != 0) {
      throw new IllegalArgumentException(
          "rows hold " + rows.length + " values, not a whole number of rows of width " + width);
    }
    if (featureScale.length != width) {
      throw new IllegalArgumentException(
          "featureScale has " + featureScale.length + " entries, expected " + width);
    }
    for (int j = 0; j < width; j++) {
      if (!(featureScale[j] > 0) || !Float.isFinite(featureScale[j])) {
        throw new IllegalArgumentException(
            "featureScale[" + j + "] must be finite and > 0, got " + featureScale[j]);
      }
    }
    if (maxComponents < 1 || maxComponents > width) {
      throw new IllegalArgumentException(
          "maxComponents must be between 1 and " + width + ", got " + maxComponents);
    }
    int n = rows.length / width;
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 training rows, got " + n);
    }
    float[] scale = featureScale.clone();
    double[] mean = new double[width];
    double[][] second = secondMoment(rows, width, scale, mean);
    double[][] covariance = new double[width][width];
    for (int i = 0; i < width; i++) {
      for (int j = i; j < width; j++) {
        double c = second[i][j] / n - mean[i] * mean[j];
        covariance[i][j] = c;
        covariance[j][i] = c;
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(covariance);
    double[][] components = new double[maxComponents][];
    double[] variances = new double[maxComponents];
    for (int k = 0; k < maxComponents; k++) {
      components[k] = canonicalSign(eigen.vector(k));
      variances[k] = Math.max(0, eigen.value(k));
    }
    double[] min = new double[maxComponents];
    double[] max = new double[maxComponents];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    float[] featureMin = new float[width];
    float[] featureMax = new float[width];
    Arrays.fill(featureMin, Float.POSITIVE_INFINITY);
    Arrays.fill(featureMax, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < rows.length; i++) {
      int j = i % width;
      featureMin[j] = Math.min(featureMin[j], rows[i]);
      featureMax[j] = Math.max(featureMax[j], rows[i]);
    }
    PcaModel unbounded =
        new PcaModel(
            width,
            scale,
            mean,
            components,
            variances,
            min.clone(),
            max.clone(),
            featureMin,
            featureMax);
    double[] coef = new double[maxComponents];
    for (int r = 0; r < n; r++) {
      unbounded.project(rows, r * width, maxComponents, coef);
      for (int k = 0; k < maxComponents; k++) {
        min[k] = Math.min(min[k], coef[k]);
        max[k] = Math.max(max[k], coef[k]);
      }
    }
    return new PcaModel(
        width, scale, mean, components, variances, min, max, featureMin, featureMax);
  }

  /** Features per row. */
  public int width() {
    return width;
  }

  /** Components available (the {@code maxComponents} fitted). */
  public int components() {
    return components.length;
  }

  /** Variance along component {@code k} on the training rows, in scaled units. */
  public double variance(int k) {
    return variances[k];
  }

  /** Smallest training coefficient of component {@code k}. */
  public double coefficientMin(int k) {
    return coefficientMin[k];
  }

  /** Largest training coefficient of component {@code k}. */
  public double coefficientMax(int k) {
    return coefficientMax[k];
  }

  /** The first {@code k} coefficients of the row at {@code offset} into {@code coef}. */
  public void project(float[] rows, int offset, int k, double[] coef) {
    java.util.Arrays.fill(coef, 0, k, 0.0);
    for (int j = 0; j < width; j++) {
      double y = rows[offset + j] / scale[j] - mean[j];
      double[] w = byFeature[j];
      for (int c = 0; c < k; c++) {
        coef[c] += y * w[c];
      }
    }
  }

  /**
   * Writes the row rebuilt from the first {@code k} coefficients into {@code out} at offset, each
   * value clamped to its feature's training range.
   */
  public void reconstruct(double[] coef, int k, float[] out, int offset) {
    double[] acc = mean.clone();
    for (int c = 0; c < k; c++) {
      double[] w = components[c];
      double a = coef[c];
      for (int j = 0; j < width; j++) {
        acc[j] += a * w[j];
      }
    }
    for (int j = 0; j < width; j++) {
      float v = (float) (acc[j] * scale[j]);
      out[offset + j] = Math.max(featureMin[j], Math.min(featureMax[j], v));
    }
  }

  /**
   * Sum of y yᵀ over the scaled rows y, upper triangle only, and the scaled mean into {@code mean}.
   * Work is done in blocks with zero entries skipped: half of a Fashion-MNIST image is background.
   */
  private static double[][] secondMoment(float[] rows, int width, float[] scale, double[] mean) {
    int n = rows.length / width;
    double[][] sum = new double[width][width];
    double[][] block = new double[BLOCK_ROWS][width];
    for (int start = 0; start < n; start += BLOCK_ROWS) {
      int count = Math.min(BLOCK_ROWS, n - start);
      for (int b = 0; b < count; b++) {
        int off = (start + b) * width;
        double[] y = block[b];
        for (int j = 0; j < width; j++) {
          y[j] = rows[off + j] / scale[j];
          mean[j] += y[j];
        }
      }
      for (int i = 0; i < width; i++) {
        double[] s = sum[i];
        for (int b = 0; b < count; b++) {
          double[] y = block[b];
          double yi = y[i];
          if (yi == 0) {
            continue;
          }
          for (int j = i; j < width; j++) {
            s[j] += yi * y[j];
          }
        }
      }
    }
    for (int j = 0; j < width; j++) {
      mean[j] /= n;
    }
    return sum;
  }

  /** Eigenvectors have no sign of their own; fix one so that fits are reproducible. */
  private static double[] canonicalSign(double[] v) {
    int largest = 0;
    for (int j = 1; j < v.length; j++) {
      if (Math.abs(v[j]) > Math.abs(v[largest])) {
        largest = j;
      }
    }
    if (v[largest] < 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] = -v[j];
      }
    }
    return v;
  }
}
