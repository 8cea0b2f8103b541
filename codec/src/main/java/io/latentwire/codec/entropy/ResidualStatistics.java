package io.latentwire.codec.entropy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * What a model bundle knows about its residuals, fitted on training data at training time: the
 * starting probabilities and contexts of {@link ContextResidualModel}. Stored in the manifest; a
 * payload's residual decodes only with the statistics it was coded with (they are part of the
 * model, and change its id).
 *
 * @param layout context layout these priors are for; {@link #LAYOUT} is the only one
 * @param width row width when records are images (neighbours from the row above count), or 0
 *     (neighbours are the previous three values)
 * @param meanAbsResidual per feature, mean |x - x_hat| at the default operating point, raw units;
 *     decides the feature's class for a bound
 * @param tableRatios per prior table, the typical {@code bound / meanAbsResidual} it was fitted at
 *     (geometric mean over features); a payload is coded with the table nearest its bounds (see
 *     {@link #tableFor}: encoder and decoder both compute it)
 * @param priors per table, {@link ContextResidualModel#STATE_COUNT} fitted probabilities of a 0
 *     decision, in units of 2^-15, each 1..2^15-1; 1 to {@link #MAX_TABLES} tables
 */
public record ResidualStatistics(
    @JsonProperty("layout") int layout,
    @JsonProperty("width") int width,
    @JsonProperty("meanAbsResidual") float[] meanAbsResidual,
    @JsonProperty("tableRatios") float[] tableRatios,
    @JsonProperty("priors") int[][] priors) {

  /** The context layout of {@link ContextResidualModel}. */
  public static final int LAYOUT = 1;

  /** Most prior tables a model carries. */
  public static final int MAX_TABLES = 8;

  /**
   * @throws IllegalArgumentException naming the field if the layout is unknown, the width is not 0
   *     or 2..features, a mean is negative or not finite, or the priors are the wrong count or out
   *     of range
   */
  public ResidualStatistics {
    if (layout != LAYOUT) {
      throw new IllegalArgumentException(
          "residualStatistics.layout " + layout + " is not supported; this build reads " + LAYOUT);
    }
    if (meanAbsResidual == null || meanAbsResidual.length == 0) {
      throw new IllegalArgumentException("residualStatistics.meanAbsResidual must not be empty");
    }
    if (width != 0 && (width < 2 || width > meanAbsResidual.length)) {
      throw new IllegalArgumentException(
          "residualStatistics.width must be 0 or 2.."
              + meanAbsResidual.length
              + " (the feature count), got "
              + width);
    }
    for (int i = 0; i < meanAbsResidual.length; i++) {
      if (!(meanAbsResidual[i] >= 0) || meanAbsResidual[i] == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "residualStatistics.meanAbsResidual["
                + i
                + "] must be finite and >= 0, got "
                + meanAbsResidual[i]);
      }
    }
    if (tableRatios == null
        || priors == null
        || tableRatios.length != priors.length
        || priors.length < 1
        || priors.length > MAX_TABLES) {
      throw new IllegalArgumentException(
          "residualStatistics needs 1 to "
              + MAX_TABLES
              + " prior tables, one ratio each; got "
              + (priors == null ? 0 : priors.length)
              + " tables and "
              + (tableRatios == null ? 0 : tableRatios.length)
              + " ratios");
    }
    for (int t = 0; t < priors.length; t++) {
      if (!(tableRatios[t] > 0) || tableRatios[t] == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "residualStatistics.tableRatios["
                + t
                + "] must be finite and > 0, got "
                + tableRatios[t]);
      }
      int[] table = priors[t];
      if (table == null || table.length != ContextResidualModel.STATE_COUNT) {
        throw new IllegalArgumentException(
            "residualStatistics.priors["
                + t
                + "] must hold "
                + ContextResidualModel.STATE_COUNT
                + " probabilities, got "
                + (table == null ? 0 : table.length));
      }
      for (int i = 0; i < table.length; i++) {
        if (table[i] < 1 || table[i] >= RangeCoding.PROB_ONE) {
          throw new IllegalArgumentException(
              "residualStatistics.priors["
                  + t
                  + "]["
                  + i
                  + "] must be 1.."
                  + (RangeCoding.PROB_ONE - 1)
                  + ", got "
                  + table[i]);
        }
      }
    }
    meanAbsResidual = meanAbsResidual.clone();
    tableRatios = tableRatios.clone();
    priors = deepCopy(priors);
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * The prior probabilities of counted decisions (Krichevsky–Trofimov, kept away from certainty so
   * a surprise stays affordable).
   *
   * @param zeros per state, decisions that came out 0 (as {@link ContextResidualModel} codes them)
   * @param ones per state, decisions that came out 1
   */
  public static int[] priorsFromCounts(long[] zeros, long[] ones) {
    int[] priors = new int[ContextResidualModel.STATE_COUNT];
    int lo = 1 << 5;
    int hi = RangeCoding.PROB_ONE - lo;
    for (int i = 0; i < priors.length; i++) {
      double p = (zeros[i] + 0.5) / (zeros[i] + ones[i] + 1.0);
      priors[i] = (int) Math.max(lo, Math.min(hi, Math.round(p * RangeCoding.PROB_ONE)));
    }
    return priors;
  }

  /** Number of prior tables. */
  @JsonIgnore
  public int tableCount() {
    return priors.length;
  }

  /**
   * The prior table for a payload's bounds: the one whose ratio is nearest, in log scale, to the
   * geometric mean of {@code bound / meanAbsResidual}. Encoder and decoder both compute it, so it
   * is a function of its inputs alone on every machine: StrictMath, a fixed summation order.
   */
  public int tableFor(float[] bounds) {
    double logSum = 0;
    int count = 0;
    for (int i = 0; i < bounds.length; i++) {
      float b = bounds[i];
      if (b > 0 && b != Float.POSITIVE_INFINITY && meanAbsResidual[i] > 0) {
        logSum += StrictMath.log(b / (double) meanAbsResidual[i]);
        count++;
      }
    }
    if (count == 0) {
      return priors.length - 1;
    }
    double target = logSum / count;
    int best = 0;
    for (int t = 1; t < priors.length; t++) {
      if (Math.abs(StrictMath.log(tableRatios[t]) - target)
          < Math.abs(StrictMath.log(tableRatios[best]) - target)) {
        best = t;
      }
    }
    return best;
  }

  /** The prior probabilities of table {@code t} (not copied: do not modify). */
  int[] table(int t) {
    return priors[t];
  }

  @JsonIgnore
  public int featureCount() {
    return meanAbsResidual.length;
  }

  /** Mean |x - x_hat| of a feature. */
  public float meanAbsResidual(int feature) {
    return meanAbsResidual[feature];
  }

  @Override
  public float[] meanAbsResidual() {
    return meanAbsResidual.clone();
  }

  @Override
  public float[] tableRatios() {
    return tableRatios.clone();
  }

  @Override
  public int[][] priors() {
    return deepCopy(priors);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResidualStatistics s
        && s.layout == layout
        && s.width == width
        && Arrays.equals(s.meanAbsResidual, meanAbsResidual)
        && Arrays.equals(s.tableRatios, tableRatios)
        && Arrays.deepEquals(s.priors, priors);
  }

  @Override
  public int hashCode() {
    return (layout * 31 + width) * 31
        + Arrays.hashCode(meanAbsResidual) * 17
        + Arrays.deepHashCode(priors);
  }

  @Override
  public String toString() {
    return "ResidualStatistics[layout="
        + layout
        + ", width="
        + width
        + ", features="
        + meanAbsResidual.length
        + ", tables="
        + priors.length
        + "]";
  }
}
