package io.latentwire.codec.normalize;

import io.latentwire.codec.mapping.FeatureKind;
import java.util.List;

/**
 * Fits a {@link Normalization} in one streaming pass (Welford), so a million rows need no more
 * memory than one.
 *
 * <p>Why two methods: uint8 features (image bytes) have a known range and map to [0, 1] by min-max
 * over 0..255, which suits a sigmoid decoder output; every other numeric feature is standardized
 * (mean 0, variance 1), which keeps features of wildly different scales equally weighted in the
 * loss. A constant column gets scale 1 (its value is then reproduced exactly by the offset).
 */
public final class NormalizationFitter {
  private final List<FeatureKind> kinds;
  private final double[] mean;
  private final double[] m2;
  private final double[] min;
  private final double[] max;
  private long count;

  public NormalizationFitter(List<FeatureKind> kinds) {
    this.kinds = List.copyOf(kinds);
    int n = kinds.size();
    mean = new double[n];
    m2 = new double[n];
    min = new double[n];
    max = new double[n];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Adds one row of raw feature values. */
  public void add(float[] row) {
    if (row.length != mean.length) {
      throw new IllegalArgumentException(
          "expected " + mean.length + " features, got " + row.length);
    }
    count++;
    for (int i = 0; i < row.length; i++) {
      double x = row[i];
      double d = x - mean[i];
      mean[i] += d / count;
      m2[i] += d * (x - mean[i]);
      if (x < min[i]) {
        min[i] = x;
      }
      if (x > max[i]) {
        max[i] = x;
      }
    }
  }

  public long count() {
    return count;
  }

  /** True when every feature is a uint8 feature, i.e. the normalized data lies in [0, 1]. */
  public boolean allUnitRange() {
    return kinds.stream().allMatch(k -> k == FeatureKind.UINT8);
  }

  public Normalization fit() {
    if (count == 0) {
      throw new IllegalStateException("no rows to fit a normalization on");
    }
    int n = mean.length;
    float[] offset = new float[n];
    float[] scale = new float[n];
    float[] range = new float[n];
    for (int i = 0; i < n; i++) {
      if (kinds.get(i) == FeatureKind.UINT8) {
        offset[i] = 0f;
        scale[i] = 255f;
        range[i] = 255f;
        continue;
      }
      double std = Math.sqrt(m2[i] / count);
      offset[i] = (float) mean[i];
      scale[i] = std > 1e-12 * Math.max(1.0, Math.abs(mean[i])) ? (float) std : 1f;
      double r = max[i] - min[i];
      range[i] = r > 0 ? (float) r : 1f;
    }
    return new Normalization(offset, scale, range);
  }
}
