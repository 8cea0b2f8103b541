package io.latentwire.codec.quant;

import io.latentwire.codec.entropy.ResidualModel;
import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.mapping.FeatureKind;
import io.latentwire.codec.normalize.Normalization;
import java.util.List;

/**
 * Turns the difference between a record and its model reconstruction into a residual that
 * guarantees a max abs error, and applies it when decoding.
 *
 * <h2>The guarantee</h2>
 *
 * For every bounded feature {@code i} with bound {@code E}, the decoded value {@code y} satisfies
 * {@code |x - y| <= E} (NaN and infinities are reproduced bit for bit), provided the decoder's
 * model reconstruction {@code x_hat'} is within the drift margin {@code d_i} of the encoder's
 * {@code x_hat}. The encoder does not trust arithmetic to keep that promise: for each value it
 * computes what a decoder would output at both ends of {@code [x_hat - d_i, x_hat + d_i]} (the
 * reconstruction is monotone in {@code x_hat'}, so the ends bound everything between) and checks
 * both against {@code x}; a value that fails, or that is not finite, or whose reconstruction is
 * abnormally large, is sent exactly instead.
 *
 * <h2>The margin</h2>
 *
 * The decoder re-runs the ONNX decoder, possibly with another thread count, batch size or CPU,
 * whose floating-point sums may come out in another order. The margin per feature is
 *
 * <pre>
 *   d_i = 2^-14 * scale_i + 4 * ulp(16 * M_i),   M_i = |offset_i| + 4 * max(scale_i, range_i)
 * </pre>
 *
 * The first term covers drift of the network output, in normalized units where the network works:
 * about 6e-5 of a standard deviation. ONNX Runtime's CPU kernels were measured to give identical
 * outputs across thread counts (1, 2) and batch sizes (1, 64, 512); between machines (AVX2, AVX-512
 * or NEON kernels block their sums differently) float32 sums of a few hundred terms differ by about
 * 1e-6 relative, so the margin keeps a factor of about 50. The second term covers rounding when
 * denormalizing and storing a float32 of the magnitude the feature can take; reconstructions beyond
 * {@code 16 M_i} are sent exactly, so it holds. The margin is cheap: for data in [0, 1] (scale
 * 0.35) and a bound of 0.066 the step shrinks by 0.16 %, about 0.002 bit per coded value.
 *
 * <h2>The step</h2>
 *
 * <ul>
 *   <li>real features: {@code step = 2 (E - 2 d_i)}, output {@code float(x_hat' + q step)}; half of
 *       the {@code 2 d_i} absorbs drift, the other half the rounding to float32;
 *   <li>integer features (Avro int/long, bytes): the output is rounded to an integer, as {@link
 *       io.latentwire.codec.mapping.FieldMapping#inject} does anyway, and {@code step = 2 (k + 1/2
 *       - 2 d_i)} with {@code k = floor(E)}: just under the odd integer step {@code 2k + 1}, so the
 *       rounded output is within {@code k} of an integer input. A bound below 1 makes integer
 *       features lossless.
 * </ul>
 *
 * A step that is not positive (a bound smaller than the margin) sends every value exactly.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResidualQuantizer {
  /** Drift budget of the network output, in units of the feature's normalization scale. */
  public static final double DRIFT_RELATIVE = 0x1p-14;

  /** Float32 rounding budget, in ulps of {@link #MAGNITUDE_LIMIT} typical magnitudes. */
  public static final int DRIFT_ULPS = 4;

  /** Reconstructions beyond this many typical magnitudes are sent exactly. */
  public static final double MAGNITUDE_LIMIT = 16;

  /** Marks a value to send exactly (never a valid residual: beyond MAX_MAGNITUDE). */
  private static final int EXACT = Integer.MIN_VALUE;

  /** Checks at the drift ends use a margin this much wider, absorbing double rounding. */
  private static final double CHECK_WIDENING = 1 + 0x1p-20;

  private final boolean[] integer;
  private final double[] margin;
  private final double[] magnitudeLimit;

  /**
   * @param normalization the model's normalization (decides each feature's margin)
   * @param kinds kind of every feature, in feature order
   */
  public ResidualQuantizer(Normalization normalization, List<FeatureKind> kinds) {
    int n = normalization.size();
    if (kinds.size() != n) {
      throw new IllegalArgumentException(
          "need one feature kind per feature: " + n + " features, " + kinds.size() + " kinds");
    }
    integer = new boolean[n];
    margin = new double[n];
    magnitudeLimit = new double[n];
    float[] offset = normalization.offset();
    float[] scale = normalization.scale();
    float[] range = normalization.range();
    for (int i = 0; i < n; i++) {
      integer[i] = kinds.get(i) != FeatureKind.REAL;
      double typical = Math.abs((double) offset[i]) + 4.0 * Math.max(scale[i], range[i]);
      magnitudeLimit[i] = MAGNITUDE_LIMIT * typical;
      margin[i] =
          DRIFT_RELATIVE * scale[i] + DRIFT_ULPS * (double) Math.ulp((float) magnitudeLimit[i]);
    }
  }

  public int featureCount() {
    return margin.length;
  }

  /** The drift margin {@code d_i} of a feature, in raw units. */
  public double margin(int feature) {
    return margin[feature];
  }

  /** Whether the feature is integer-valued (its bounded output is rounded). */
  public boolean isInteger(int feature) {
    return integer[feature];
  }

  /** The residual step of a feature under bound {@code e}; not positive means "send exactly". */
  public double step(int feature, float e) {
    double b = integer[feature] ? Math.floor(e) + 0.5 : e;
    return 2 * (b - 2 * margin[feature]);
  }

  /**
   * Codes the residual of one record.
   *
   * @param x raw features, {@code featureCount()} from {@code xOffset}
   * @param xhat the model reconstruction, raw, from {@code xhatOffset}
   * @param code receives the residual; its bounds say which features to code and how tightly
   */
  public void quantize(float[] x, int xOffset, float[] xhat, int xhatOffset, ResidualCode code) {
    int n = margin.length;
    if (code.featureCount() != n) {
      throw new IllegalArgumentException(
          "residual has " + code.featureCount() + " features, the model " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!code.isBounded(i)) {
        continue;
      }
      float xi = x[xOffset + i];
      int q = quantizeOne(i, xi, xhat[xhatOffset + i], code.bound(i));
      if (q == EXACT) {
        code.setExact(i, xi);
      } else {
        code.setQuantized(i, q);
      }
    }
  }

  /**
   * The quantized residual of one value, or {@link #EXACT} when it must be sent exactly. Tries the
   * nearest step first, then its neighbours (a value at the edge of a step may only fit there once
   * rounding is accounted for).
   */
  private int quantizeOne(int i, float x, float xhat, float e) {
    double step = step(i, e);
    if (!(step > 0)
        || !Float.isFinite(x)
        || !Float.isFinite(xhat)
        || Math.abs((double) xhat) > magnitudeLimit[i]) {
      return EXACT;
    }
    double q0 = Math.rint((x - (double) xhat) / step);
    if (!(Math.abs(q0) <= ResidualModel.MAX_MAGNITUDE + 1)) {
      return EXACT;
    }
    int q = (int) q0;
    int sign = q > 0 ? 1 : -1;
    for (int candidate : new int[] {q, q - sign, q + sign}) {
      if (Math.abs(candidate) <= ResidualModel.MAX_MAGNITUDE
          && holds(i, x, xhat, e, candidate, step)) {
        return candidate;
      }
    }
    return EXACT;
  }

  /** Whether a decoder outputs a value within {@code e} of {@code x} at both drift extremes. */
  private boolean holds(int i, float x, float xhat, float e, int q, double step) {
    double d = margin[i] * CHECK_WIDENING;
    double lo = output(i, xhat - d, q, step);
    double hi = output(i, xhat + d, q, step);
    return lo >= (double) x - e && hi <= (double) x + e;
  }

  private double output(int i, double xhat, int q, double step) {
    float y = (float) (xhat + q * step);
    return integer[i] ? Math.floor((double) y + 0.5) : y;
  }

  /**
   * Applies a decoded residual to a reconstruction in place: bounded features get {@code x_hat + q
   * step} (rounded for integer features), exact ones their value; others are left as they are.
   *
   * @throws CorruptPayloadException if the residual quantizes a feature whose step is not positive
   *     (no encoder does that)
   */
  public void reconstruct(ResidualCode code, float[] xhat, int offset) {
    int n = margin.length;
    if (code.featureCount() != n) {
      throw new IllegalArgumentException(
          "residual has " + code.featureCount() + " features, the model " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!code.isBounded(i)) {
        continue;
      }
      if (code.isExact(i)) {
        xhat[offset + i] = Float.intBitsToFloat(code.value(i));
        continue;
      }
      double step = step(i, code.bound(i));
      if (!(step > 0)) {
        throw new CorruptPayloadException(
            "the residual quantizes feature "
                + i
                + " although its bound "
                + code.bound(i)
                + " is below the drift margin "
                + margin[i]
                + "; such values are sent exactly");
      }
      xhat[offset + i] = (float) output(i, xhat[offset + i], code.value(i), step);
    }
  }
}
