package io.latentwire.trainer.report;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.mapping.FieldMapping;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;

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

  /**
   * Draws up to {@code maxRows} records uniformly at random (reservoir sampling, one pass, seeded
   * so the same data gives the same sample), kept in file order.
   *
   * @param data an open data set whose iterator has not been used; not closed here
   * @param mapping the model's field mapping, which turns records into feature rows
   * @throws IllegalArgumentException when the data set holds no record
   */
  public static ValidationSample draw(
      Dataset data, FieldMapping mapping, int maxRows, long seed, String origin) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
    }
    int width = mapping.width();
    float[][] kept = new float[maxRows][];
    long[] keptIndex = new long[maxRows];
    SplittableRandom rnd = new SplittableRandom(seed);
    long seen = 0;
    Iterator<GenericRecord> it = data.iterator();
    while (it.hasNext()) {
      GenericRecord r = it.next();
      long slot = seen < maxRows ? seen : rnd.nextLong(seen + 1);
      if (slot < maxRows) {
        kept[(int) slot] = mapping.extract(r);
        keptIndex[(int) slot] = seen;
      }
      seen++;
    }
    int n = (int) Math.min(seen, maxRows);
    if (n == 0) {
      throw new IllegalArgumentException(data.source() + " holds no records to sample");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(keptIndex[a], keptIndex[b]));
    float[] rows = new float[n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(kept[order[i]], 0, rows, i * width, width);
    }
    return new ValidationSample(rows, n, width, origin);
  }

  /** The first {@code n} rows (all of them when {@code n >= rows}). */
  public ValidationSample first(int n) {
    int k = Math.max(1, Math.min(n, rows));
    return new ValidationSample(Arrays.copyOf(rawRows, k * width), k, width, origin);
  }
}
