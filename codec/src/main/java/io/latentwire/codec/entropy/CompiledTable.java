package io.latentwire.codec.entropy;

/**
 * A {@link FrequencyTable} prepared for coding: cumulative frequencies and a coarse lookup from a
 * cumulative slot to its symbol, built once per table and shared by every encode and decode.
 *
 * <p>Immutable and thread-safe. Index {@code i < size()} is symbol {@code minSymbol() + i}; index
 * {@code size()} is the escape.
 */
public final class CompiledTable {
  /** Slots are looked up by their top bits: 2^8 buckets of 2^8 slots each. */
  private static final int LOOKUP_BITS = 8;

  private static final int LOOKUP_SHIFT = FrequencyTable.PRECISION_BITS - LOOKUP_BITS;

  private final int minSymbol;
  private final int size;
  private final int[] cum;
  private final char[] lookup;

  private CompiledTable(int minSymbol, int size, int[] cum, char[] lookup) {
    this.minSymbol = minSymbol;
    this.size = size;
    this.cum = cum;
    this.lookup = lookup;
  }

  /**
   * Compiles a table.
   *
   * @throws IllegalArgumentException if the table's symbols reach beyond ±{@link
   *     FrequencyTable#MAX_SYMBOL_MAGNITUDE} (no payload may carry them)
   */
  public static CompiledTable of(FrequencyTable table) {
    int n = table.size();
    long last = (long) table.minSymbol() + n - 1;
    if (table.minSymbol() < -FrequencyTable.MAX_SYMBOL_MAGNITUDE
        || last > FrequencyTable.MAX_SYMBOL_MAGNITUDE) {
      throw new IllegalArgumentException(
          "frequency table symbols "
              + table.minSymbol()
              + ".."
              + last
              + " reach outside ±"
              + FrequencyTable.MAX_SYMBOL_MAGNITUDE);
    }
    int[] cum = new int[n + 2];
    for (int i = 0; i < n; i++) {
      cum[i + 1] = cum[i] + table.freqAt(i);
    }
    cum[n + 1] = cum[n] + table.escapeFreq();
    char[] lookup = new char[(1 << LOOKUP_BITS) + 1];
    int idx = 0;
    for (int b = 0; b < 1 << LOOKUP_BITS; b++) {
      int slot = b << LOOKUP_SHIFT;
      while (cum[idx + 1] <= slot) {
        idx++;
      }
      lookup[b] = (char) idx;
    }
    lookup[1 << LOOKUP_BITS] = (char) n;
    return new CompiledTable(table.minSymbol(), n, cum, lookup);
  }

  public int minSymbol() {
    return minSymbol;
  }

  /** Number of in-range symbols; also the index of the escape. */
  public int size() {
    return size;
  }

  /** Cumulative frequency of index {@code i} (0..size()+1). */
  int cumAt(int i) {
    return cum[i];
  }

  /** Frequency of index {@code i} (0..size()). */
  int freqAt(int i) {
    return cum[i + 1] - cum[i];
  }

  /** The index whose interval holds cumulative slot {@code v} (0 <= v < TOTAL). */
  int indexOf(int v) {
    int b = v >>> LOOKUP_SHIFT;
    int lo = lookup[b];
    int hi = lookup[b + 1];
    // The bucket's symbols are lo..hi; usually lo == hi (one symbol owns the whole bucket).
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cum[mid] <= v) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Ideal cost in bits of a symbol, escape bits included. */
  public double bits(int symbol) {
    int i = symbol - minSymbol;
    double p = (i >= 0 && i < size ? freqAt(i) : freqAt(size)) / (double) FrequencyTable.TOTAL;
    double cost = -Math.log(p) / Math.log(2);
    if (i < 0 || i >= size) {
      long distance = i < 0 ? -(long) i : (long) i - size + 1;
      cost += 1 + 2 * (63 - Long.numberOfLeadingZeros(distance)) + 1;
    }
    return cost;
  }
}
