package io.latentwire.trainer.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * Raw (not normalised) feature rows the report runs through the codec.
 *
 * @param rawRows row-major, {@code rows · width} values; not copied, must not change afterwards
 * @param rows number of rows, at least 1
 * @param width features per row (the model's input size)
 * @param origin where the rows come from, shown in the report, non-null (e.g. "the 2,000 validation
 *     rows of the training run")
 */
public record ValidationSample(float[] rawRows, int rows, int width, String origin) {

  public ValidationSample {
    Objects.requireNonNull(rawRows, "rawRows");
    Objects.requireNonNull(origin, "origin");
    if (rows < 1 || width < 1 || (long) rows * width != rawRows.length) {
      throw new IllegalArgumentException(
          "a sample of "
              + rows
              + " rows x "
              + width
              + " features needs "
              + (long) rows * width
              + " values, got "
              + rawRows.length);
    }
  }

  /** The first {@code n} rows (all of them when {@code n >= rows}). */
  public ValidationSample first(int n) {
    int k = Math.max(1, Math.min(n, rows));
    return new ValidationSample(Arrays.copyOf(rawRows, k * width), k, width, origin);
  }
}
