package io.latentwire.trainer.nn;

import java.util.Objects;

/**
 * Checks and converts the row-major {@code float[]} buffers the trainers take.
 *
 * <p>Shared by the trainer module's training packages; not meant for callers outside the module.
 */
public final class RowBuffers {
  private RowBuffers() {}

  /**
   * Validates a row-major buffer of records of {@code inputSize} values and returns its number of
   * rows.
   *
   * @param name how the caller calls this buffer, for messages
   * @param rows not null; every value finite
   * @param width values per row, the configuration's {@code inputSize}
   * @param allowEmpty whether zero rows is acceptable
   * @return the number of rows
   * @throws IllegalArgumentException naming the buffer, and the row and column of a non-finite
   *     value
   */
  public static int countRows(String name, float[] rows, int width, boolean allowEmpty) {
    return countRows(name, rows, "inputSize", width, allowEmpty);
  }

  /**
   * Validates a row-major buffer of {@code width}-value rows and returns its number of rows.
   *
   * @param name how the caller calls this buffer, for messages
   * @param rows not null; every value finite
   * @param widthName the configuration field that sets the width, for messages (e.g. {@code
   *     latentSize})
   * @param width values per row
   * @param allowEmpty whether zero rows is acceptable
   * @return the number of rows
   * @throws IllegalArgumentException naming the buffer, and the row and column of a non-finite
   *     value
   */
  public static int countRows(
      String name, float[] rows, String widthName, int width, boolean allowEmpty) {
    Objects.requireNonNull(rows, name + " must not be null");
    if (rows.length % width != 0) {
      throw new IllegalArgumentException(
          name
              + " has "
              + rows.length
              + " values, not a multiple of "
              + widthName
              + " = "
              + width
              + " (rows must be complete, row-major)");
    }
    if (rows.length == 0 && !allowEmpty) {
      throw new IllegalArgumentException(name + " is empty: need at least one row");
    }
    for (int i = 0; i < rows.length; i++) {
      if (!Float.isFinite(rows[i])) {
        throw new IllegalArgumentException(
            name
                + " row "
                + i / width
                + " column "
                + i % width
                + " is "
                + rows[i]
                + ": values must be finite (normalise and impute before training)");
      }
    }
    return rows.length / width;
  }

  /**
   * Flattens a rectangular matrix of {@code width} columns, naming the first ragged row.
   *
   * @param name how the caller calls this matrix, for messages
   * @param matrix not null
   * @param width values per row
   * @return a new row-major buffer
   */
  public static float[] flatten(String name, float[][] matrix, int width) {
    Objects.requireNonNull(matrix, name + " must not be null");
    float[] flat = new float[Math.multiplyExact(matrix.length, width)];
    for (int r = 0; r < matrix.length; r++) {
      float[] row = matrix[r];
      if (row == null || row.length != width) {
        throw new IllegalArgumentException(
            name
                + " row "
                + r
                + " has "
                + (row == null ? "no array" : row.length + " values")
                + ", expected "
                + width);
      }
      System.arraycopy(row, 0, flat, r * width, width);
    }
    return flat;
  }

  /**
   * Splits a row-major buffer into rows of {@code width} values.
   *
   * @param flat row-major values, a whole number of rows
   * @param width values per row
   * @return new arrays
   */
  public static float[][] unflatten(float[] flat, int width) {
    float[][] matrix = new float[flat.length / width][];
    for (int r = 0; r < matrix.length; r++) {
      matrix[r] = new float[width];
      System.arraycopy(flat, r * width, matrix[r], 0, width);
    }
    return matrix;
  }
}
