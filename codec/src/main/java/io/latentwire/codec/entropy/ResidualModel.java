package io.latentwire.codec.entropy;

import java.util.Arrays;

/**
 * The adaptive context model of a sparse residual: one integer per feature, mostly zero, coded in
 * feature order with adaptive binary decisions.
 *
 * <p>Per value: a zero flag (context: length of the current run of zeros, bucketed 0, 1, 2, 3-5,
 * 6-11, 12+, which tells a quiet stretch from a busy one); for a nonzero value, an "exact" flag
 * (the value is a raw float32, used when a quantized residual cannot guarantee the bound), else the
 * sign (context: sign of the previous value) and the magnitude as an adaptive Exp-Golomb code
 * (prefix context: whether the previous value was nonzero; the suffix of magnitudes below 32 as a
 * bit tree).
 *
 * <p>Probabilities start from one half for every payload, so each payload decodes on its own. Not
 * thread-safe; {@link #reset} before each payload.
 */
public final class ResidualModel {
  /** Largest magnitude of a quantized residual: 2^24 - 1. */
  public static final int MAX_MAGNITUDE = (1 << 24) - 1;

  /** Longest magnitude prefix; a prefix of this length carries no terminating bit. */
  private static final int MAX_PREFIX = 23;

  /** Suffixes of prefixes up to this length are coded as adaptive bit trees. */
  private static final int TREE_PREFIX = 4;

  private static final int STATE_ZERO = 0;
  private static final int STATE_POSITIVE = 1;
  private static final int STATE_NEGATIVE = 2;

  private final int[] zeroProbs = new int[6];
  private final int[] exactProbs = new int[1];
  private final int[] signProbs = new int[3];
  private final int[] prefixProbs = new int[2 * MAX_PREFIX];
  private final int[] treeProbs = new int[(TREE_PREFIX + 1) << TREE_PREFIX];
  private int previous;
  private int zeroRun;
  private boolean lastExact;

  public ResidualModel() {
    reset();
  }

  /** Forgets everything learned: call at the start of each payload's residual. */
  public void reset() {
    Arrays.fill(zeroProbs, RangeCoding.PROB_INIT);
    Arrays.fill(exactProbs, RangeCoding.PROB_INIT);
    Arrays.fill(signProbs, RangeCoding.PROB_INIT);
    Arrays.fill(prefixProbs, RangeCoding.PROB_INIT);
    Arrays.fill(treeProbs, RangeCoding.PROB_INIT);
    previous = STATE_ZERO;
    zeroRun = 0;
    lastExact = false;
  }

  /**
   * Codes one quantized residual.
   *
   * @throws IllegalArgumentException if {@code |q| > MAX_MAGNITUDE}
   */
  public void encode(RangeEncoder enc, int q) {
    if (q > MAX_MAGNITUDE || q < -MAX_MAGNITUDE) {
      throw new IllegalArgumentException("residual " + q + " is outside ±" + MAX_MAGNITUDE);
    }
    enc.encodeBit(zeroProbs, zeroContext(), q == 0 ? 0 : 1);
    if (q == 0) {
      advance(STATE_ZERO);
      return;
    }
    enc.encodeBit(exactProbs, 0, 0);
    enc.encodeBit(signProbs, previous, q < 0 ? 1 : 0);
    encodeMagnitude(enc, Math.abs(q));
    advance(q < 0 ? STATE_NEGATIVE : STATE_POSITIVE);
  }

  /** Codes a value that is sent exactly: the 32 bits of a float. */
  public void encodeExact(RangeEncoder enc, int floatBits) {
    enc.encodeBit(zeroProbs, zeroContext(), 1);
    enc.encodeBit(exactProbs, 0, 1);
    enc.encodeDirectBits(floatBits, 32);
    advance(STATE_POSITIVE);
  }

  /**
   * Decodes one value: a quantized residual, or (when {@link #lastWasExact()}) the bits of an exact
   * float.
   */
  public int decode(RangeDecoder dec) {
    if (dec.decodeBit(zeroProbs, zeroContext()) == 0) {
      lastExact = false;
      advance(STATE_ZERO);
      return 0;
    }
    if (dec.decodeBit(exactProbs, 0) == 1) {
      lastExact = true;
      int bits = dec.decodeDirectBits(32);
      advance(STATE_POSITIVE);
      return bits;
    }
    lastExact = false;
    boolean negative = dec.decodeBit(signProbs, previous) == 1;
    int m = decodeMagnitude(dec);
    advance(negative ? STATE_NEGATIVE : STATE_POSITIVE);
    return negative ? -m : m;
  }

  /** Whether the value last returned by {@link #decode} is the bits of an exact float. */
  public boolean lastWasExact() {
    return lastExact;
  }

  private int zeroContext() {
    int run = zeroRun;
    return run < 3 ? run : run < 6 ? 3 : run < 12 ? 4 : 5;
  }

  private void advance(int state) {
    previous = state;
    zeroRun = state == STATE_ZERO ? Math.min(zeroRun + 1, 12) : 0;
  }

  private int prefixBase() {
    return previous == STATE_ZERO ? 0 : MAX_PREFIX;
  }

  private void encodeMagnitude(RangeEncoder enc, int m) {
    int n = 31 - Integer.numberOfLeadingZeros(m);
    int base = prefixBase();
    for (int j = 0; j < n; j++) {
      enc.encodeBit(prefixProbs, base + j, 1);
    }
    if (n < MAX_PREFIX) {
      enc.encodeBit(prefixProbs, base + n, 0);
    }
    if (n <= TREE_PREFIX) {
      int node = 1;
      for (int j = n - 1; j >= 0; j--) {
        int bit = (m >>> j) & 1;
        enc.encodeBit(treeProbs, (n << TREE_PREFIX) + node, bit);
        node = (node << 1) | bit;
      }
    } else {
      enc.encodeDirectBits(m, n);
    }
  }

  private int decodeMagnitude(RangeDecoder dec) {
    int base = prefixBase();
    int n = 0;
    while (n < MAX_PREFIX && dec.decodeBit(prefixProbs, base + n) == 1) {
      n++;
    }
    if (n <= TREE_PREFIX) {
      int node = 1;
      for (int j = 0; j < n; j++) {
        node = (node << 1) | dec.decodeBit(treeProbs, (n << TREE_PREFIX) + node);
      }
      return node;
    }
    return (1 << n) | dec.decodeDirectBits(n);
  }
}
