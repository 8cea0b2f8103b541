package io.latentwire.codec.entropy;

import io.latentwire.codec.errors.CorruptPayloadException;
import java.util.Arrays;

/**
 * The context model of a max-abs-error residual (payload version 3): one integer per bounded
 * feature, coded in feature order with adaptive binary decisions whose contexts come only from what
 * the decoder knows exactly before the value, and whose probabilities start from priors fitted at
 * training time ({@link ResidualStatistics}).
 *
 * <h2>Contexts</h2>
 *
 * Every context is exact integer state shared by encoder and decoder: never the network's
 * reconstruction, which may drift between machines (a context that flips on drift would desync the
 * whole payload, not just move one value).
 *
 * <ul>
 *   <li><b>feature class</b>: how large this feature's residual usually is relative to the step,
 *       {@code meanAbs_i / (2 E_i)} bucketed in half octaves ({@link #CLASSES} classes); where the
 *       model reconstructs reliably (an image's background) a residual is almost never needed;
 *   <li><b>neighbourhood</b>: magnitudes (capped at 3) and signs of already-coded neighbours when
 *       the statistics give a row width (records that are images): magnitudes of left and up
 *       (counted twice), up-left, up-right, left-left and up-up, summed and capped at 15; signs of
 *       left, up, up-left and up-right. Without a width, the previous three values. Residuals
 *       cluster along the edges the model blurred, with one sign along an edge.
 * </ul>
 *
 * Per value: a zero flag (class × neighbourhood sum); for a nonzero value an "exact" flag (the
 * value is a raw float32), else the sign (the four neighbours' signs) and the magnitude: unary
 * decisions {@code |q| > k} for {@code k < }{@link #UNARY} (k × neighbourhood bucket × coarse
 * class), then an adaptive Exp-Golomb tail.
 *
 * <p>Contexts and priors were chosen by measuring conditional entropies of quantized residuals of a
 * Fashion-MNIST model (bound 0.066): per-record coding went from 132.4 to 114.6 bytes with the
 * latent included.
 *
 * <p>Probabilities are reset to the priors for every payload, so each payload decodes on its own.
 * Not thread-safe: one per coding call.
 */
public final class ContextResidualModel {
  /** Largest magnitude of a quantized residual: 2^24 - 1 (as {@link ResidualModel}). */
  public static final int MAX_MAGNITUDE = ResidualModel.MAX_MAGNITUDE;

  /** Number of feature classes: half-octave buckets of {@code meanAbs / (2 E)}. */
  public static final int CLASSES = 20;

  /** Class 1 starts at {@code meanAbs / (2E) = 2^CLASS_BASE_EXPONENT}. */
  private static final int CLASS_BASE_EXPONENT = -8;

  /** Weighted neighbourhood magnitude sums 0..15. */
  private static final int NEIGHBOURHOOD = 16;

  /** Magnitudes 1..UNARY are coded in unary; larger ones continue with Exp-Golomb. */
  static final int UNARY = 10;

  /** Magnitude contexts: neighbourhood sum bucket (4) x coarse feature class (4). */
  private static final int MAG_BUCKETS = 16;

  private static final int TAIL_PREFIX = 24;

  /** Signs (none, +, -) of four neighbours. */
  private static final int SIGN_CONTEXTS = 81;

  static final int ZERO_BASE = 0;
  static final int EXACT_BASE = ZERO_BASE + CLASSES * NEIGHBOURHOOD;
  static final int SIGN_BASE = EXACT_BASE + 1;
  static final int UNARY_BASE = SIGN_BASE + SIGN_CONTEXTS;
  static final int TAIL_BASE = UNARY_BASE + (UNARY - 1) * MAG_BUCKETS;

  /** Number of adaptive probabilities; a prior table has exactly this many entries. */
  public static final int STATE_COUNT = TAIL_BASE + TAIL_PREFIX;

  private final ResidualStatistics statistics;
  private final int[] states;
  private final int width;
  private final byte[] magnitude;
  private final byte[] sign;
  private final byte[] featureClass;
  private boolean lastExact;
  private int lastIndex;
  private int lastColumn;

  /**
   * A model for records of {@code featureCount} features.
   *
   * @param statistics fitted priors, row width and per-feature scales; {@code null} for none (every
   *     probability starts at one half, every feature in class 0, neighbours are the previous three
   *     values)
   */
  public ContextResidualModel(ResidualStatistics statistics, int featureCount) {
    if (statistics != null && statistics.featureCount() != featureCount) {
      throw new IllegalArgumentException(
          "residual statistics cover "
              + statistics.featureCount()
              + " features; the model has "
              + featureCount);
    }
    width = statistics == null ? 0 : statistics.width();
    states = new int[STATE_COUNT];
    magnitude = new byte[featureCount];
    sign = new byte[featureCount];
    featureClass = new byte[featureCount];
    this.statistics = statistics;
  }

  /**
   * Starts a payload: priors back, neighbours cleared, classes for these bounds.
   *
   * @param bounds per-feature bounds of the payload, {@code featureCount} values ({@code +Infinity}
   *     for features without one)
   * @param table index of the prior table, {@code < tableCount()}
   */
  public void reset(float[] bounds, int table) {
    reset(classes(statistics, bounds), table);
  }

  /**
   * As {@link #reset(float[], int)} with the classes already computed by {@link #classes} (a stream
   * of payloads usually shares one bound).
   *
   * @param classes per feature, not modified
   */
  public void reset(byte[] classes, int table) {
    if (table < 0 || table >= tableCount()) {
      throw new IllegalArgumentException(
          "prior table " + table + " does not exist; there are " + tableCount());
    }
    if (classes.length != featureClass.length) {
      throw new IllegalArgumentException(
          classes.length + " feature classes for " + featureClass.length + " features");
    }
    if (statistics == null) {
      Arrays.fill(states, RangeCoding.PROB_INIT);
    } else {
      int[] priors = statistics.table(table);
      for (int i = 0; i < STATE_COUNT; i++) {
        states[i] = RangeCoding.settledState(priors[i]);
      }
    }
    Arrays.fill(magnitude, (byte) 0);
    Arrays.fill(sign, (byte) 0);
    System.arraycopy(classes, 0, featureClass, 0, classes.length);
    lastExact = false;
    lastIndex = -1;
    lastColumn = -1;
  }

  /**
   * The class of every feature under {@code bounds} (all 0 without statistics).
   *
   * @param bounds one per feature
   */
  public static byte[] classes(ResidualStatistics statistics, float[] bounds) {
    byte[] c = new byte[bounds.length];
    if (statistics != null) {
      for (int i = 0; i < c.length; i++) {
        c[i] = (byte) classOf(statistics.meanAbsResidual(i), bounds[i]);
      }
    }
    return c;
  }

  /** Number of prior tables to choose from (1 without statistics). */
  public int tableCount() {
    return statistics == null ? 1 : statistics.tableCount();
  }

  /**
   * The class of a feature: half-octave bucket of {@code r = meanAbs / (2 bound)}, class {@code c
   * >= 1} meaning {@code r >= 2^((c - 1) / 2 - 8)}. Computed with one correctly rounded division,
   * the exponent and one comparison of the exact mantissa: the same on every machine.
   */
  static int classOf(float meanAbs, float bound) {
    double r = meanAbs / (2.0 * bound);
    if (!(r > 0)) {
      return 0; // no typical residual (or no bound: not coded anyway)
    }
    if (r == Double.POSITIVE_INFINITY) {
      return CLASSES - 1; // bound 0: every nonzero residual is large
    }
    int e = Math.getExponent(r);
    if (e < Double.MIN_EXPONENT) {
      return 0;
    }
    int half = Math.scalb(r, -e) >= SQRT2 ? 1 : 0;
    long c = 2L * (e - CLASS_BASE_EXPONENT) + half + 1;
    return (int) Math.max(0, Math.min(CLASSES - 1, c));
  }

  /** sqrt(2) rounded to a double: the half-octave split of a mantissa in [1, 2). */
  private static final double SQRT2 = 1.4142135623730951;

  /**
   * Codes one quantized residual of feature {@code i}.
   *
   * @throws IllegalArgumentException if {@code |q| > MAX_MAGNITUDE}
   */
  public void encode(BitSink out, int i, int q) {
    if (q > MAX_MAGNITUDE || q < -MAX_MAGNITUDE) {
      throw new IllegalArgumentException("residual " + q + " is outside ±" + MAX_MAGNITUDE);
    }
    int sum = neighbourhood(i);
    out.bit(states, ZERO_BASE + featureClass[i] * NEIGHBOURHOOD + sum, q == 0 ? 0 : 1);
    if (q == 0) {
      return;
    }
    out.bit(states, EXACT_BASE, 0);
    out.bit(states, SIGN_BASE + signContext(i), q < 0 ? 1 : 0);
    int m = Math.abs(q);
    int bucket = magnitudeContext(i, sum);
    for (int k = 1; k < UNARY; k++) {
      out.bit(states, UNARY_BASE + (k - 1) * MAG_BUCKETS + bucket, m > k ? 1 : 0);
      if (m == k) {
        break;
      }
    }
    if (m >= UNARY) {
      encodeTail(out, m - UNARY);
    }
    magnitude[i] = (byte) Math.min(m, 3);
    sign[i] = (byte) (q < 0 ? 2 : 1);
  }

  /** Codes a value of feature {@code i} that is sent exactly: the 32 bits of a float. */
  public void encodeExact(BitSink out, int i, int floatBits) {
    int sum = neighbourhood(i);
    out.bit(states, ZERO_BASE + featureClass[i] * NEIGHBOURHOOD + sum, 1);
    out.bit(states, EXACT_BASE, 1);
    out.direct(floatBits, 32);
    magnitude[i] = 3;
    sign[i] = 0;
  }

  /** Tail of a magnitude {@code >= UNARY}: Exp-Golomb of {@code m - UNARY + 1}. */
  private void encodeTail(BitSink out, int excess) {
    int v = excess + 1;
    int n = 31 - Integer.numberOfLeadingZeros(v);
    for (int j = 0; j < n; j++) {
      out.bit(states, TAIL_BASE + j, 1);
    }
    out.bit(states, TAIL_BASE + n, 0);
    if (n > 0) {
      out.direct(v & ((1 << n) - 1), n);
    }
  }

  /**
   * Decodes the value of feature {@code i}: a quantized residual, or (when {@link #lastWasExact()})
   * the bits of an exact float.
   *
   * @throws CorruptPayloadException if the magnitude exceeds {@link #MAX_MAGNITUDE}
   */
  public int decode(RangeDecoder in, int i) {
    int sum = neighbourhood(i);
    lastExact = false;
    if (in.decodeBit(states, ZERO_BASE + featureClass[i] * NEIGHBOURHOOD + sum) == 0) {
      return 0;
    }
    if (in.decodeBit(states, EXACT_BASE) == 1) {
      lastExact = true;
      magnitude[i] = 3;
      sign[i] = 0;
      return in.decodeDirectBits(32);
    }
    boolean negative = in.decodeBit(states, SIGN_BASE + signContext(i)) == 1;
    int bucket = magnitudeContext(i, sum);
    int m = 1;
    while (m < UNARY && in.decodeBit(states, UNARY_BASE + (m - 1) * MAG_BUCKETS + bucket) == 1) {
      m++;
    }
    if (m == UNARY) {
      m = UNARY + decodeTail(in, i);
    }
    magnitude[i] = (byte) Math.min(m, 3);
    sign[i] = (byte) (negative ? 2 : 1);
    return negative ? -m : m;
  }

  private int decodeTail(RangeDecoder in, int i) {
    int n = 0;
    while (n < TAIL_PREFIX && in.decodeBit(states, TAIL_BASE + n) == 1) {
      n++;
    }
    // v = excess + 1 <= MAX_MAGNITUDE - UNARY + 1 < 2^24: a prefix of 24 ones is never written.
    if (n >= TAIL_PREFIX) {
      throw new CorruptPayloadException(
          "residual of feature " + i + " has a magnitude beyond ±" + MAX_MAGNITUDE);
    }
    int v = (1 << n) | (n > 0 ? in.decodeDirectBits(n) : 0);
    int excess = v - 1;
    if (excess > MAX_MAGNITUDE - UNARY) {
      throw new CorruptPayloadException(
          "residual of feature " + i + " has a magnitude beyond ±" + MAX_MAGNITUDE);
    }
    return excess;
  }

  /** Whether the value last returned by {@link #decode} is the bits of an exact float. */
  public boolean lastWasExact() {
    return lastExact;
  }

  /** Neighbourhood bucket 0..3 and coarse class 0..3 (2 octaves each above class 8). */
  private int magnitudeContext(int i, int sum) {
    int coarse = Math.max(0, Math.min(3, (featureClass[i] - 8) / 4 + 1));
    return Math.min(sum >> 2, 3) * 4 + coarse;
  }

  /** Sum of the capped magnitudes of the already-coded neighbours of {@code i}, 0..7. */
  private int neighbourhood(int i) {
    int s;
    if (width >= 2) {
      int col = column(i);
      boolean hasLeft = col > 0;
      boolean hasUp = i >= width;
      int left = hasLeft ? magnitude[i - 1] : 0;
      int up = hasUp ? magnitude[i - width] : 0;
      int upLeft = hasLeft && hasUp ? magnitude[i - width - 1] : 0;
      int upRight = col < width - 1 && hasUp ? magnitude[i - width + 1] : 0;
      int leftLeft = col > 1 ? magnitude[i - 2] : 0;
      int upUp = i >= 2 * width ? magnitude[i - 2 * width] : 0;
      // The nearest neighbours count twice: they predict best.
      s = 2 * (left + up) + upLeft + upRight + leftLeft + upUp;
    } else {
      s =
          (i > 0 ? 3 * magnitude[i - 1] : 0)
              + (i > 1 ? 2 * magnitude[i - 2] : 0)
              + (i > 2 ? magnitude[i - 3] : 0);
    }
    return Math.min(s, NEIGHBOURHOOD - 1);
  }

  /**
   * Column of feature {@code i} in a row of {@code width}: values come in feature order, so this is
   * usually the last column plus one, sparing a division per value.
   */
  private int column(int i) {
    if (i != lastIndex) {
      lastColumn = i == lastIndex + 1 ? (lastColumn + 1 == width ? 0 : lastColumn + 1) : i % width;
      lastIndex = i;
    }
    return lastColumn;
  }

  /** Signs (none, +, -) of left, up, up-left, up-right (or the previous three values): 0..80. */
  private int signContext(int i) {
    int left;
    int up;
    int upLeft;
    int upRight;
    if (width >= 2) {
      int col = column(i);
      boolean hasUp = i >= width;
      left = col > 0 ? sign[i - 1] : 0;
      up = hasUp ? sign[i - width] : 0;
      upLeft = col > 0 && hasUp ? sign[i - width - 1] : 0;
      upRight = col < width - 1 && hasUp ? sign[i - width + 1] : 0;
    } else {
      left = i > 0 ? sign[i - 1] : 0;
      up = i > 1 ? sign[i - 2] : 0;
      upLeft = i > 2 ? sign[i - 3] : 0;
      upRight = 0;
    }
    return ((left * 3 + up) * 3 + upLeft) * 3 + upRight;
  }

  /**
   * Where {@link #encode} sends its decisions: a range encoder when coding, a counter when fitting
   * priors.
   */
  public interface BitSink {
    /** One adaptive binary decision with probability state {@code states[index]}. */
    void bit(int[] states, int index, int bit);

    /** {@code count} raw bits of {@code value}, equiprobable. */
    void direct(int value, int count);

    /** A sink that writes to a range encoder. */
    static BitSink of(RangeEncoder enc) {
      return new BitSink() {
        @Override
        public void bit(int[] states, int index, int bit) {
          enc.encodeBit(states, index, bit);
        }

        @Override
        public void direct(int value, int count) {
          enc.encodeDirectBits(value, count);
        }
      };
    }
  }
}
