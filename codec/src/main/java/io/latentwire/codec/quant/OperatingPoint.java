package io.latentwire.codec.quant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentwire.codec.entropy.FrequencyTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One rung of a bundle's quality ladder: a quantization step for the latent and the entropy tables
 * of the symbols it produces (one per latent dimension), with what it measured on validation data.
 *
 * @param name human name, e.g. {@code q3}
 * @param step quantization step in latent units
 * @param tables one frequency table per latent dimension (at least one)
 * @param metrics validation figures at this point, e.g. {@code psnr.db}, {@code bytes.mean}
 */
public record OperatingPoint(
    @JsonProperty("name") String name,
    @JsonProperty("step") float step,
    @JsonProperty("tables") List<FrequencyTable> tables,
    @JsonProperty("metrics") SortedMap<String, Double> metrics) {

  /** Most operating points one bundle may hold (the payload header has 6 bits for the index). */
  public static final int MAX_PER_BUNDLE = 64;

  /** Gaussian prior tables cover symbols up to this many standard deviations. */
  private static final double PRIOR_SIGMAS = 6;

  @JsonCreator
  public OperatingPoint {
    Objects.requireNonNull(name, "name");
    if (!(step > 0) || !Float.isFinite(step)) {
      throw new IllegalArgumentException(
          "operating point " + name + ": step must be finite and > 0, got " + step);
    }
    tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
    if (tables.isEmpty()) {
      throw new IllegalArgumentException(
          "operating point " + name + ": needs one frequency table per latent dimension, got 0");
    }
    metrics = new TreeMap<>(metrics == null ? Map.of() : metrics);
  }

  public UniformQuantizer quantizer() {
    return new UniformQuantizer(step);
  }

  /** Number of latent dimensions this point has tables for. */
  public int latentSize() {
    return tables.size();
  }

  /** A copy with more metrics (existing keys replaced). */
  public OperatingPoint withMetrics(Map<String, Double> more) {
    TreeMap<String, Double> m = new TreeMap<>(metrics);
    m.putAll(more);
    return new OperatingPoint(name, step, tables, m);
  }

  /**
   * An operating point whose tables fit observed symbols, one row per record.
   *
   * @param symbolRows quantized latents at this step, {@code [records][latentSize]}
   */
  public static OperatingPoint fit(String name, float step, int[][] symbolRows, int latentSize) {
    List<FrequencyTable> tables = new ArrayList<>(latentSize);
    int[] column = new int[symbolRows.length];
    for (int d = 0; d < latentSize; d++) {
      for (int r = 0; r < symbolRows.length; r++) {
        column[r] = symbolRows[r][d];
      }
      tables.add(FrequencyTable.fromSamples(column));
    }
    return new OperatingPoint(name, step, tables, null);
  }

  /**
   * An operating point whose tables assume every latent dimension follows the VAE prior N(0, 1):
   * usable before any data is seen, but a fitted point ({@link #fit}) codes far smaller.
   */
  public static OperatingPoint gaussianPrior(String name, float step, int latentSize) {
    int half = (int) Math.min(Math.ceil(PRIOR_SIGMAS / step), (FrequencyTable.MAX_SYMBOLS - 1) / 2);
    long[] counts = new long[2 * half + 1];
    double scale = 1L << 40;
    long inRange = 0;
    for (int s = -half; s <= half; s++) {
      double p = normalCdf((s + 0.5) * step) - normalCdf((s - 0.5) * step);
      counts[s + half] = (long) (p * scale);
      inRange += counts[s + half];
    }
    long escapes = Math.max(0, (long) scale - inRange);
    FrequencyTable t = FrequencyTable.fromCounts(counts, -half, escapes);
    return new OperatingPoint(name, step, java.util.Collections.nCopies(latentSize, t), null);
  }

  /**
   * Standard normal CDF (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7), StrictMath for identical
   * bundles on every machine.
   */
  private static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * StrictMath.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
