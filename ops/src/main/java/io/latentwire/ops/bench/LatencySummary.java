package io.latentwire.ops.bench;

import java.util.Arrays;

/**
 * Exact percentiles of a set of latencies in milliseconds: the samples are sorted and the
 * nearest-rank value is read, so nothing is approximated (a benchmark run holds at most a few
 * hundred thousand samples).
 *
 * @param count samples summarized
 * @param p50Millis median, nearest rank
 * @param p99Millis 99th percentile, nearest rank
 * @param maxMillis the largest sample
 */
public record LatencySummary(int count, long p50Millis, long p99Millis, long maxMillis) {

  /** No samples: every figure 0. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0);

  /**
   * Summarizes {@code millis[0..count)}; the array is sorted in place.
   *
   * @throws IllegalArgumentException if {@code count} is negative or exceeds the array
   */
  public static LatencySummary of(long[] millis, int count) {
    if (count < 0 || count > millis.length) {
      throw new IllegalArgumentException(
          "count must be between 0 and " + millis.length + ", got " + count);
    }
    if (count == 0) {
      return EMPTY;
    }
    Arrays.sort(millis, 0, count);
    return new LatencySummary(
        count, rank(millis, count, 0.50), rank(millis, count, 0.99), millis[count - 1]);
  }

  /** The nearest-rank percentile: the smallest sample at or above fraction {@code q} of them. */
  static long rank(long[] sorted, int count, double q) {
    int index = (int) Math.ceil(q * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, index))];
  }
}
