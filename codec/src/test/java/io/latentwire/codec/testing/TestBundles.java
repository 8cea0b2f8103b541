package io.latentwire.codec.testing;

import io.latentwire.codec.entropy.ContextResidualModel;
import io.latentwire.codec.entropy.FrequencyTable;
import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Bundles built in code for tests: linear "autoencoders" (one Gemm each way, see {@link TinyOnnx})
 * with operating points whose entropy tables come from counts.
 */
public final class TestBundles {
  private TestBundles() {}

  /**
   * The encoder is the identity on the first {@code latent} features: decode(encode(x)) reproduces
   * those features up to quantization and zeroes the rest. One operating point.
   */
  public static ModelBundle identityOnScalars(List<String> fields, int latent, float step) {
    return identity(
        fields.stream().map(f -> new MappedField(f, FieldType.FLOAT, 1)).toList(), latent, step);
  }

  /** Like {@link #identityOnScalars} with any mapped fields and an operating point per step. */
  public static ModelBundle identity(List<MappedField> fields, int latent, float... steps) {
    FieldMapping mapping = new FieldMapping(fields);
    int n = mapping.width();
    float[][] enc = new float[n][latent];
    float[][] dec = new float[latent][n];
    for (int i = 0; i < latent; i++) {
      enc[i][i] = 1f;
      dec[i][i] = 1f;
    }
    float[] offset = new float[n];
    float[] scale = new float[n];
    float[] range = new float[n];
    Arrays.fill(scale, 1f);
    Arrays.fill(range, 10f);
    return bundle(
        "linear-test",
        mapping,
        new Normalization(offset, scale, range),
        latent,
        ladder(latent, 2.0, steps),
        enc,
        dec);
  }

  /**
   * A random linear model (seeded): encoder {@code inputSize -> latent}, decoder back, on REAL
   * features normalized with offset 0.5 and scale 0.25 (data in [0, 1] looks standardized). Its
   * decoder sums {@code latent} products per output, so thread counts and batch sizes can change
   * the order of float additions: the model the drift margin is measured on.
   */
  public static ModelBundle randomLinear(int inputSize, int latent, long seed, float... steps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] enc = new float[inputSize][latent];
    float[][] dec = new float[latent][inputSize];
    for (int i = 0; i < inputSize; i++) {
      for (int j = 0; j < latent; j++) {
        float w = (float) (rnd.nextGaussian() / Math.sqrt(inputSize));
        enc[i][j] = w;
        dec[j][i] = (float) (rnd.nextGaussian() / Math.sqrt(latent));
      }
    }
    List<MappedField> fields = List.of(new MappedField("v", FieldType.ARRAY_FLOAT, inputSize));
    float[] offset = new float[inputSize];
    float[] scale = new float[inputSize];
    float[] range = new float[inputSize];
    Arrays.fill(offset, 0.5f);
    Arrays.fill(scale, 0.25f);
    Arrays.fill(range, 1f);
    return bundle(
        "random-linear-test",
        new FieldMapping(fields),
        new Normalization(offset, scale, range),
        latent,
        ladder(latent, 1.0, steps),
        enc,
        dec);
  }

  /**
   * One operating point per step, each dimension's table from the counts of a discretized N(0,
   * sigma^2) (in latent units).
   */
  public static List<OperatingPoint> ladder(int latent, double sigma, float... steps) {
    List<OperatingPoint> points = new ArrayList<>();
    for (int p = 0; p < steps.length; p++) {
      points.add(gaussianPoint("q" + p, steps[p], latent, sigma));
    }
    return points;
  }

  /** An operating point whose tables all come from the counts of a discretized N(0, sigma^2). */
  public static OperatingPoint gaussianPoint(String name, float step, int latent, double sigma) {
    int half = (int) Math.min(Math.ceil(6 * sigma / step), 2000);
    long[] counts = new long[2 * half + 1];
    for (int s = -half; s <= half; s++) {
      double z = s * step / sigma;
      counts[s + half] = Math.round(1e6 * Math.exp(-0.5 * z * z));
    }
    FrequencyTable t = FrequencyTable.fromCounts(counts, -half, 1);
    return new OperatingPoint(name, step, Collections.nCopies(latent, t), null);
  }

  public static ModelBundle bundle(
      String architecture,
      FieldMapping mapping,
      Normalization norm,
      int latent,
      List<OperatingPoint> points,
      float[][] enc,
      float[][] dec) {
    int n = mapping.width();
    Manifest m =
        new Manifest(
            Manifest.FORMAT_VERSION,
            architecture,
            n,
            latent,
            mapping,
            "0",
            norm,
            points,
            0,
            new TreeMap<>(),
            new TreeMap<>(Map.of("val.psnr.db", 30.0)),
            new TreeMap<>(Map.of("trainer.version", "test")));
    return ModelBundle.create(
        m,
        TinyOnnx.linear("x", "mu", enc, new float[latent]),
        TinyOnnx.linear("z", "x_hat", dec, new float[n]));
  }

  /**
   * Residual statistics made from integer formulas (no fitting, no floating-point library calls),
   * so golden payloads coded with them are the same on every machine.
   *
   * @param width row width, 0 or 2..features
   * @param tables number of prior tables, 1..{@link ResidualStatistics#MAX_TABLES}
   */
  public static ResidualStatistics syntheticStatistics(int features, int width, int tables) {
    float[] meanAbs = new float[features];
    for (int i = 0; i < features; i++) {
      meanAbs[i] = (i % 5) * 0.25f;
    }
    float[] ratios = new float[tables];
    int[][] priors = new int[tables][ContextResidualModel.STATE_COUNT];
    for (int t = 0; t < tables; t++) {
      ratios[t] = 0.25f * (1 << t);
      for (int i = 0; i < ContextResidualModel.STATE_COUNT; i++) {
        priors[t][i] = 2048 + (int) (((long) i * 7919 + t * 104729L) % 28672);
      }
    }
    return new ResidualStatistics(ResidualStatistics.LAYOUT, width, meanAbs, ratios, priors);
  }

  /** A copy of {@code bundle} carrying {@link #syntheticStatistics} (a different model id). */
  public static ModelBundle withSyntheticStatistics(ModelBundle bundle, int width, int tables) {
    Manifest m = bundle.manifest();
    return ModelBundle.create(
        m.withResidualStatistics(syntheticStatistics(m.inputSize(), width, tables)),
        bundle.encoderOnnx(),
        bundle.decoderOnnx());
  }
}
