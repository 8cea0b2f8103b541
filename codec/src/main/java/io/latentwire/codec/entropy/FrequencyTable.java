package io.latentwire.codec.entropy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * A static integer probability model of one latent dimension's quantized symbols, stored in the
 * bundle so every machine decodes bit-exactly.
 *
 * <p>Symbols {@code minSymbol .. minSymbol + freqs.length - 1} have the given frequencies; every
 * other symbol is coded as an escape (frequency {@code escapeFreq}) followed by its value in raw
 * bits. Frequencies are positive and sum, with the escape, to exactly {@code 1 << }{@link
 * #PRECISION_BITS}. A dimension the model does not use has nearly all its mass on 0, so it costs a
 * small fraction of a bit.
 */
public final class FrequencyTable {
  /** Total frequency = 2^PRECISION_BITS. */
  public static final int PRECISION_BITS = 16;

  public static final int TOTAL = 1 << PRECISION_BITS;

  /** Largest number of in-range symbols a table may hold. */
  public static final int MAX_SYMBOLS = 4096;

  /** Largest symbol magnitude any payload may carry, in a table or escaped. */
  public static final int MAX_SYMBOL_MAGNITUDE = 1 << 20;

  /** Symbols a fitted table keeps beyond the smallest and largest symbol seen. */
  private static final int FIT_SLACK = 2;

  private final int minSymbol;
  private final int[] freqs;
  private final int escapeFreq;

  @JsonCreator
  public FrequencyTable(
      @JsonProperty("minSymbol") int minSymbol,
      @JsonProperty("freqs") int[] freqs,
      @JsonProperty("escapeFreq") int escapeFreq) {
    if (freqs == null || freqs.length == 0 || freqs.length > MAX_SYMBOLS) {
      throw new IllegalArgumentException(
          "a frequency table holds 1 to "
              + MAX_SYMBOLS
              + " symbols, got "
              + (freqs == null ? "none" : freqs.length));
    }
    long sum = escapeFreq;
    if (escapeFreq < 1) {
      throw new IllegalArgumentException("escapeFreq must be >= 1, got " + escapeFreq);
    }
    for (int i = 0; i < freqs.length; i++) {
      if (freqs[i] < 1) {
        throw new IllegalArgumentException(
            "frequency of symbol " + (minSymbol + i) + " must be >= 1, got " + freqs[i]);
      }
      sum += freqs[i];
    }
    if (sum != TOTAL) {
      throw new IllegalArgumentException("frequencies must sum to " + TOTAL + ", got " + sum);
    }
    this.minSymbol = minSymbol;
    this.freqs = freqs.clone();
    this.escapeFreq = escapeFreq;
  }

  /**
   * Builds a table from observed symbol counts, keeping every symbol representable: each in-range
   * symbol and the escape get frequency >= 1, the rest is shared in proportion to the counts.
   *
   * @param counts occurrences of symbols {@code minSymbol, minSymbol + 1, ...}
   * @param escapes occurrences of symbols outside that range
   */
  public static FrequencyTable fromCounts(long[] counts, int minSymbol, long escapes) {
    int n = counts.length;
    if (n == 0 || n > MAX_SYMBOLS) {
      throw new IllegalArgumentException("need 1 to " + MAX_SYMBOLS + " symbols, got " + n);
    }
    long total = escapes;
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("counts must be >= 0");
      }
      total += c;
    }
    int budget = TOTAL - (n + 1);
    int[] f = new int[n];
    int used = 0;
    for (int i = 0; i < n; i++) {
      f[i] = 1 + (total == 0 ? 0 : (int) (counts[i] * (double) budget / total));
      used += f[i];
    }
    int esc = 1 + (total == 0 ? 0 : (int) (escapes * (double) budget / total));
    used += esc;
    // Give the rounding remainder to the most frequent symbol (deterministic: lowest index wins).
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (f[i] > f[best]) {
        best = i;
      }
    }
    f[best] += TOTAL - used;
    return new FrequencyTable(minSymbol, f, esc);
  }

  /**
   * Fits a table to observed symbols of one dimension: the range seen (plus a little slack, at most
   * {@link #MAX_SYMBOLS} symbols centred on the most frequent one), every symbol in it kept
   * representable, rarer symbols escaped.
   *
   * @param samples observed symbols, each within ±{@link #MAX_SYMBOL_MAGNITUDE}; may be empty (the
   *     table then puts nearly all mass on 0)
   */
  public static FrequencyTable fromSamples(int[] samples) {
    if (samples.length == 0) {
      return fromCounts(new long[] {1}, 0, 0);
    }
    java.util.TreeMap<Integer, Long> histogram = new java.util.TreeMap<>();
    for (int s : samples) {
      if (s < -MAX_SYMBOL_MAGNITUDE || s > MAX_SYMBOL_MAGNITUDE) {
        throw new IllegalArgumentException("symbol " + s + " is outside ±" + MAX_SYMBOL_MAGNITUDE);
      }
      histogram.merge(s, 1L, Long::sum);
    }
    int mode = 0;
    long best = -1;
    for (var e : histogram.entrySet()) {
      if (e.getValue() > best) {
        best = e.getValue();
        mode = e.getKey();
      }
    }
    long lo = Math.max((long) histogram.firstKey() - FIT_SLACK, -MAX_SYMBOL_MAGNITUDE);
    long hi = Math.min((long) histogram.lastKey() + FIT_SLACK, MAX_SYMBOL_MAGNITUDE);
    lo = Math.max(lo, (long) mode - MAX_SYMBOLS / 2);
    hi = Math.min(hi, lo + MAX_SYMBOLS - 1);
    long[] counts = new long[(int) (hi - lo + 1)];
    long escapes = 0;
    for (var e : histogram.entrySet()) {
      long s = e.getKey();
      if (s < lo || s > hi) {
        escapes += e.getValue();
      } else {
        counts[(int) (s - lo)] += e.getValue();
      }
    }
    return fromCounts(counts, (int) lo, escapes);
  }

  @JsonProperty("minSymbol")
  public int minSymbol() {
    return minSymbol;
  }

  @JsonProperty("freqs")
  public int[] freqs() {
    return freqs.clone();
  }

  @JsonProperty("escapeFreq")
  public int escapeFreq() {
    return escapeFreq;
  }

  /** Number of in-range symbols. */
  public int size() {
    return freqs.length;
  }

  /** Frequency of in-range symbol index {@code i} (symbol {@code minSymbol + i}); no copy. */
  public int freqAt(int i) {
    return freqs[i];
  }

  /** Ideal cost of a symbol in bits (escape cost plus raw bits excluded). */
  public double bits(int symbol) {
    int i = symbol - minSymbol;
    int f = i >= 0 && i < freqs.length ? freqs[i] : escapeFreq;
    return PRECISION_BITS - Math.log(f) / Math.log(2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrequencyTable t
        && t.minSymbol == minSymbol
        && t.escapeFreq == escapeFreq
        && Arrays.equals(t.freqs, freqs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(freqs) * 31 + minSymbol;
  }
}
