package io.latentwire.codec.quant;

import java.util.Arrays;

/**
 * The residual of one record under a max-abs-error bound: per feature, the bound it was coded for
 * and either a quantized residual or the exact value.
 *
 * <p>Bounds are stored in payloads with 15 bits (a float32 truncated to its top 16 bits, sign
 * excluded), so a requested bound is rounded <em>down</em> to that precision ({@link
 * #roundDownBound}): at most 0.8 % tighter than asked, never looser. {@code +Infinity} marks a
 * feature without a bound; it carries no residual.
 *
 * <p>Mutable, not thread-safe: one per record being coded.
 */
public final class ResidualCode {
  private final float[] bounds;
  private final int[] values;
  private final boolean[] exact;

  /**
   * A residual of all zeros for the given bounds.
   *
   * @param bounds per-feature bounds, each {@link #isRepresentable}; not copied (a batch shares one
   *     array), so it must not change afterwards
   * @throws IllegalArgumentException if a bound is not representable
   */
  public ResidualCode(float[] bounds) {
    for (int i = 0; i < bounds.length; i++) {
      if (!isRepresentable(bounds[i])) {
        throw new IllegalArgumentException(
            "bound of feature "
                + i
                + " = "
                + bounds[i]
                + " is not representable; round it with roundDownBound first");
      }
    }
    this.bounds = bounds;
    this.values = new int[bounds.length];
    this.exact = new boolean[bounds.length];
  }

  /**
   * Rounds a requested max-abs-error down to what a payload can carry.
   *
   * @throws IllegalArgumentException if {@code e} is NaN or negative
   */
  public static float roundDownBound(float e) {
    if (!(e >= 0)) {
      throw new IllegalArgumentException(
          "a max abs error must be >= 0 (or +Infinity for none), got " + e);
    }
    return Float.intBitsToFloat(Float.floatToRawIntBits(e + 0f) & 0xFFFF_0000);
  }

  /** Whether {@code e} is a bound a payload carries exactly: >= 0, low 16 bits zero, not NaN. */
  public static boolean isRepresentable(float e) {
    int bits = Float.floatToRawIntBits(e);
    return e >= 0 && (bits & 0x8000_FFFF) == 0;
  }

  /** The 15-bit code of a representable bound. */
  public static int boundCode(float representable) {
    return Float.floatToRawIntBits(representable) >>> 16;
  }

  /** The bound of a 15-bit code; NaN for codes that are not bounds (NaN patterns). */
  public static float boundOf(int code) {
    return Float.intBitsToFloat((code & 0x7FFF) << 16);
  }

  public int featureCount() {
    return bounds.length;
  }

  public float bound(int feature) {
    return bounds[feature];
  }

  /** Whether the feature has a bound (and so a coded residual). */
  public boolean isBounded(int feature) {
    return bounds[feature] != Float.POSITIVE_INFINITY;
  }

  /** The bounds, copied. */
  public float[] bounds() {
    return bounds.clone();
  }

  /** Whether every feature has the same bound. */
  public boolean isUniform() {
    for (float b : bounds) {
      if (Float.floatToRawIntBits(b) != Float.floatToRawIntBits(bounds[0])) {
        return false;
      }
    }
    return true;
  }

  /** The quantized residual of a feature, or the float bits of its exact value. */
  public int value(int feature) {
    return values[feature];
  }

  public boolean isExact(int feature) {
    return exact[feature];
  }

  public void setQuantized(int feature, int q) {
    values[feature] = q;
    exact[feature] = false;
  }

  public void setExact(int feature, float value) {
    setExactBits(feature, Float.floatToRawIntBits(value));
  }

  public void setExactBits(int feature, int floatBits) {
    values[feature] = floatBits;
    exact[feature] = true;
  }

  /** Number of features sent exactly (outliers, non-finite values, bounds below the margin). */
  public int exactCount() {
    int n = 0;
    for (boolean e : exact) {
      n += e ? 1 : 0;
    }
    return n;
  }

  /** Number of bounded features with a nonzero quantized residual. */
  public int nonzeroCount() {
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      n += !exact[i] && values[i] != 0 ? 1 : 0;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResidualCode r
        && Arrays.equals(r.bounds, bounds)
        && Arrays.equals(r.values, values)
        && Arrays.equals(r.exact, exact);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + Arrays.hashCode(bounds);
  }
}
