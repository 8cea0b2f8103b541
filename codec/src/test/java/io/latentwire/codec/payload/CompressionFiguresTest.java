package io.latentwire.codec.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.entropy.CompiledTable;
import io.latentwire.codec.mapping.FeatureKind;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.codec.quant.ResidualCode;
import io.latentwire.codec.quant.ResidualQuantizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Size and speed of the entropy layer on synthetic data, printed for the record. Sizes are asserted
 * (they are deterministic); times are printed only.
 */
class CompressionFiguresTest {
  private static final int LATENT = 32;
  private static final float STEP = 0.5f;
  private static final int RECORDS = 10_000;

  @Test
  void shouldCodeAGaussianLatentNearItsEntropyAndFarBelowVarints() {
    for (double collapsed : new double[] {0, 0.5}) {
      // A share of the dimensions collapsed onto the prior's mean (sigma 0.05), the rest N(0, 1).
      SplittableRandom rnd = new SplittableRandom(42);
      int[][] train = latents(rnd, RECORDS, collapsed);
      int[][] test = latents(rnd, RECORDS, collapsed);
      OperatingPoint op = OperatingPoint.fit("q", STEP, train, LATENT);
      PayloadFormat format = new PayloadFormat(List.of(op), LATENT, 1);
      CompiledTable[] tables =
          op.tables().stream().map(CompiledTable::of).toArray(CompiledTable[]::new);
      long v2 = 0;
      long v1 = 0;
      double idealBits = 0;
      for (int[] s : test) {
        v2 += format.write(0, s, null).length;
        v1 += varintPayloadBytes(s);
        for (int d = 0; d < LATENT; d++) {
          idealBits += tables[d].bits(s[d]);
        }
      }
      double meanV2 = (double) v2 / RECORDS;
      double meanIdeal = idealBits / 8 / RECORDS;
      System.out.printf(
          "latent %d dims, step %.1f, %.0f%% collapsed: v2 %.2f bytes/record (entropy %.2f + 2"
              + " header), v1 varints %.2f%n",
          LATENT, STEP, collapsed * 100, meanV2, meanIdeal, (double) v1 / RECORDS);
      // Two header bytes plus about one byte to end the range code.
      assertThat(meanV2).isBetween(meanIdeal + 2, meanIdeal + 3.2);
      assertThat(meanV2).isLessThan(0.7 * v1 / RECORDS);
    }
  }

  @Test
  void shouldPrintTheEntropyLayerThroughput() {
    SplittableRandom rnd = new SplittableRandom(43);
    int[][] train = latents(rnd, RECORDS, 0.5);
    int[][] test = latents(rnd, RECORDS, 0.5);
    PayloadFormat format =
        new PayloadFormat(List.of(OperatingPoint.fit("q", STEP, train, LATENT)), LATENT, 1);
    byte[][] payloads = new byte[RECORDS][];
    long sink = 0;
    double bestEncode = Double.MAX_VALUE;
    double bestDecode = Double.MAX_VALUE;
    for (int rep = 0; rep < 20; rep++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < RECORDS; r++) {
        payloads[r] = format.write(0, test[r], null);
      }
      long t1 = System.nanoTime();
      for (int r = 0; r < RECORDS; r++) {
        sink += format.read(payloads[r]).latentSymbols()[r % LATENT];
      }
      long t2 = System.nanoTime();
      bestEncode = Math.min(bestEncode, (t1 - t0) / 1e9);
      bestDecode = Math.min(bestDecode, (t2 - t1) / 1e9);
    }
    System.out.printf(
        "entropy layer, %d latent dims: encode %.0f records/s (%.2f us), decode %.0f records/s"
            + " (%.2f us) [%d]%n",
        LATENT,
        RECORDS / bestEncode,
        bestEncode / RECORDS * 1e6,
        RECORDS / bestDecode,
        bestDecode / RECORDS * 1e6,
        sink);
    assertThat(Arrays.stream(payloads).allMatch(p -> p.length > 2)).isTrue();
  }

  @Test
  void shouldCodeASparseResidualCompactly() {
    // 784 features in [0, 1], bound 0.066 (about 30 dB): a model whose error is N(0, 0.1) on the
    // 40 % of features that carry an object and N(0, 0.01) on the background.
    int n = 784;
    float[] offset = new float[n];
    float[] scale = new float[n];
    float[] range = new float[n];
    Arrays.fill(offset, 0.3f);
    Arrays.fill(scale, 0.35f);
    Arrays.fill(range, 1f);
    ResidualQuantizer rq =
        new ResidualQuantizer(
            new Normalization(offset, scale, range), Collections.nCopies(n, FeatureKind.REAL));
    PayloadFormat format =
        new PayloadFormat(List.of(OperatingPoint.gaussianPrior("q", 0.5f, 1)), 1, n);
    float[] bounds = new float[n];
    Arrays.fill(bounds, ResidualCode.roundDownBound(0.066f));
    SplittableRandom rnd = new SplittableRandom(44);
    float[] x = new float[n];
    float[] xhat = new float[n];
    long bytes = 0;
    int records = 500;
    long nonzero = 0;
    java.util.Map<Integer, Long> histogram = new java.util.HashMap<>();
    for (int r = 0; r < records; r++) {
      for (int i = 0; i < n; i++) {
        boolean object = (i % 28) > 8 && (i % 28) < 20 && i / 28 > 3 && i / 28 < 25;
        x[i] = object ? (float) rnd.nextDouble(0.2, 1) : 0f;
        xhat[i] = x[i] + (float) (rnd.nextGaussian() * (object ? 0.1 : 0.01));
      }
      ResidualCode code = new ResidualCode(bounds);
      rq.quantize(x, 0, xhat, 0, code);
      nonzero += code.nonzeroCount();
      for (int i = 0; i < n; i++) {
        histogram.merge(code.isExact(i) ? Integer.MIN_VALUE : code.value(i), 1L, Long::sum);
      }
      bytes += format.write(0, new int[1], code).length;
    }
    double entropyBits = 0;
    for (long c : histogram.values()) {
      entropyBits -= c * Math.log((double) c / ((long) n * records)) / Math.log(2);
    }
    double order0 = entropyBits / 8 / records;
    double mean = (double) bytes / records;
    System.out.printf(
        "residual of %d features at bound 0.066: %.1f bytes/record (order-0 entropy of the"
            + " residual symbols %.1f), %.1f nonzero values%n",
        n, mean, order0, (double) nonzero / records);
    // Context modelling beats a static order-0 code even with 5 bytes of header, bound, latent.
    assertThat(mean).isLessThan(order0);
  }

  /** Quantized latents: N(0, 1) per dimension, or N(0, 0.05^2) for a collapsed one. */
  private static int[][] latents(SplittableRandom rnd, int n, double collapsedShare) {
    int[][] out = new int[n][LATENT];
    for (int r = 0; r < n; r++) {
      for (int d = 0; d < LATENT; d++) {
        double sigma = d < collapsedShare * LATENT ? 0.05 : 1;
        out[r][d] = Math.round((float) (rnd.nextGaussian() * sigma) / STEP);
      }
    }
    return out;
  }

  /** Size of the retired version-1 payload: a version byte and a zigzag varint per symbol. */
  private static int varintPayloadBytes(int[] symbols) {
    int bytes = 1;
    for (int s : symbols) {
      int v = (s << 1) ^ (s >> 31);
      bytes += v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
    }
    return bytes;
  }
}
