package io.latentwire.trainer.rd;

import java.util.Objects;

/**
 * Training rows that need not sit on the Java heap: a count, a width and random access to one row
 * at a time. {@link RdTrainer} copies one batch at a time out of it, so a source backed by a file
 * or off-heap memory trains a data set larger than the heap.
 *
 * <p>Implementations must return the same values for the same row every time (training is
 * reproducible only then) and may be read from one thread at a time.
 */
public interface RowSource {

  /**
   * Returns the number of rows.
   *
   * @return at least 0
   */
  int rows();

  /**
   * Returns the values per row.
   *
   * @return at least 1
   */
  int width();

  /**
   * Copies row {@code row} into {@code out[offset .. offset + width())}.
   *
   * @param row 0-based, below {@link #rows()}
   * @param out not null, not retained
   * @param offset where the row starts in {@code out}
   */
  void read(int row, float[] out, int offset);

  /**
   * Wraps a row-major array (not copied: the caller must not change it while it is used).
   *
   * @param rows {@code N · width} values, not null
   * @param width values per row, at least 1
   * @return a source over the array
   * @throws IllegalArgumentException if the array is not a whole number of rows
   */
  static RowSource of(float[] rows, int width) {
    Objects.requireNonNull(rows, "rows must not be null");
    if (width < 1 || rows.length % width != 0) {
      throw new IllegalArgumentException(
          "rows holds " + rows.length + " values, not a whole number of rows of width " + width);
    }
    int count = rows.length / width;
    return new RowSource() {
      @Override
      public int rows() {
        return count;
      }

      @Override
      public int width() {
        return width;
      }

      @Override
      public void read(int row, float[] out, int offset) {
        System.arraycopy(rows, row * width, out, offset, width);
      }
    };
  }
}
