package io.latentwire.codec.entropy;

/** Constants shared by {@link RangeEncoder} and {@link RangeDecoder}: they define the bitstream. */
final class RangeCoding {
  /** The range is renormalized (one byte shifted out) whenever it falls below 2^24. */
  static final long TOP = 1L << 24;

  static final long INITIAL_RANGE = 0xFFFF_FFFFL;

  /** Adaptive bit probabilities are 15-bit: P(bit = 0) = p / 2^15. */
  static final int PROB_BITS = 15;

  static final int PROB_ONE = 1 << PROB_BITS;

  /** Initial probability: one half. */
  static final int PROB_INIT = PROB_ONE / 2;

  /**
   * Adaptation speed by number of bits seen so far: each coded bit moves p by 2^-shift of its
   * distance to the outcome. Fast at first (about 1/(n+2), like a count-based estimate), then
   * settling at 1/32. A payload is short, so warming up fast matters: a run of 784 zeros costs
   * about 7 bits instead of 23 at a fixed 1/32.
   */
  private static final int[] SHIFT_BY_COUNT = {1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5};

  private static final int MAX_COUNT = SHIFT_BY_COUNT.length - 1;

  /**
   * An adaptive probability is an int: bits seen (saturating) in the high half, P(0) in units of
   * 2^-15 in the low half, always within 1 .. 2^15 - 1.
   */
  static int probability(int state) {
    return state & 0xFFFF;
  }

  /** The state after coding {@code bit}. */
  static int update(int state, int bit) {
    int p = state & 0xFFFF;
    int count = state >>> 16;
    int shift = SHIFT_BY_COUNT[count];
    p = bit == 0 ? p + ((PROB_ONE - p) >>> shift) : p - (p >>> shift);
    return (Math.min(count + 1, MAX_COUNT) << 16) | p;
  }

  /**
   * How many bits a fitted prior counts as already seen: it then adapts at the rate that count
   * sets, trusting the prior more than a fresh one-half start would.
   */
  static final int PRIOR_COUNT = 7;

  /** The state of a fitted prior probability {@code p} (P(0) in units of 2^-15, 1..2^15-1). */
  static int settledState(int p) {
    return (Math.min(PRIOR_COUNT, MAX_COUNT) << 16) | p;
  }

  /** Raw bits are coded in chunks of at most this many, one division each when decoding. */
  static final int DIRECT_CHUNK_BITS = 16;

  /**
   * Bytes of the final code value that are always zero and so not sent; the decoder reads exactly
   * this many zero bytes past the end.
   */
  static final int IMPLIED_TAIL_BYTES = 3;

  /** Longest Exp-Golomb prefix accepted for directly coded values (values below 2^30). */
  static final int MAX_EXP_GOLOMB_PREFIX = 30;

  private RangeCoding() {}
}
