package io.latentwire.codec.normalize;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-feature affine normalization fitted on training data: {@code x' = (x - offset) / scale}.
 *
 * <p>{@code range} is the feature's value range seen in training (or its natural range, 255 for
 * uint8). It is what fidelity figures are relative to: PSNR = 20 log10(range / RMSE) per feature,
 * so a uint8 image gives the usual image PSNR.
 */
public final class Normalization {
  private final float[] offset;
  private final float[] scale;
  private final float[] range;

  @JsonCreator
  public Normalization(
      @JsonProperty("offset") float[] offset,
      @JsonProperty("scale") float[] scale,
      @JsonProperty("range") float[] range) {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(range, "range");
    if (offset.length != scale.length || offset.length != range.length) {
      throw new IllegalArgumentException(
          "offset, scale and range must have one entry per feature; got "
              + offset.length
              + ", "
              + scale.length
              + ", "
              + range.length);
    }
    for (int i = 0; i < scale.length; i++) {
      if (!(scale[i] > 0) || !Float.isFinite(scale[i]) || !Float.isFinite(offset[i])) {
        throw new IllegalArgumentException(
            "feature "
                + i
                + ": scale must be finite and > 0 and offset finite; got scale="
                + scale[i]
                + ", offset="
                + offset[i]);
      }
      if (!(range[i] > 0) || !Float.isFinite(range[i])) {
        throw new IllegalArgumentException(
            "feature " + i + ": range must be finite and > 0; got " + range[i]);
      }
    }
    this.offset = offset.clone();
    this.scale = scale.clone();
    this.range = range.clone();
  }

  @JsonProperty("offset")
  public float[] offset() {
    return offset.clone();
  }

  @JsonProperty("scale")
  public float[] scale() {
    return scale.clone();
  }

  @JsonProperty("range")
  public float[] range() {
    return range.clone();
  }

  public int size() {
    return offset.length;
  }

  /** Normalizes {@code raw} into {@code out} (may be the same array). */
  public void normalize(float[] raw, float[] out) {
    checkSize(raw.length);
    for (int i = 0; i < offset.length; i++) {
      out[i] = (raw[i] - offset[i]) / scale[i];
    }
  }

  /** Inverse of {@link #normalize}; writes into {@code out} (may be the same array). */
  public void denormalize(float[] normalized, float[] out) {
    checkSize(normalized.length);
    for (int i = 0; i < offset.length; i++) {
      out[i] = normalized[i] * scale[i] + offset[i];
    }
  }

  /** Range of feature {@code i}, for fidelity figures. */
  public float range(int i) {
    return range[i];
  }

  private void checkSize(int n) {
    if (n != offset.length) {
      throw new IllegalArgumentException("expected " + offset.length + " features, got " + n);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n
        && Arrays.equals(offset, n.offset)
        && Arrays.equals(scale, n.scale)
        && Arrays.equals(range, n.range);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(offset) * 31 + Arrays.hashCode(scale);
  }
}
