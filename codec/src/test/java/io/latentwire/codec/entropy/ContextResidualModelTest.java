package io.latentwire.codec.entropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.testing.TestBundles;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContextResidualModelTest {
  private static final int FEATURES = 96;

  @Test
  void shouldRoundTripResidualsAndExactValuesWithAndWithoutStatistics() {
    SplittableRandom rnd = new SplittableRandom(11);
    ResidualStatistics[] variants = {
      null,
      TestBundles.syntheticStatistics(FEATURES, 0, 1),
      TestBundles.syntheticStatistics(FEATURES, 12, 4)
    };
    for (ResidualStatistics statistics : variants) {
      for (int round = 0; round < 200; round++) {
        int[] values = new int[FEATURES];
        boolean[] exact = new boolean[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
          int kind = rnd.nextInt(30);
          if (kind == 0) {
            exact[i] = true;
            values[i] = Float.floatToRawIntBits((float) rnd.nextGaussian() * 1e9f);
          } else if (kind == 1) {
            values[i] = rnd.nextInt(-ContextResidualModel.MAX_MAGNITUDE, 1 << 24);
          } else if (kind < 15) {
            values[i] = (int) Math.round(rnd.nextGaussian() * 4);
          }
        }
        float[] bounds = new float[FEATURES];
        Arrays.fill(bounds, 0.125f);
        int table = statistics == null ? 0 : rnd.nextInt(statistics.tableCount());
        assertThat(roundTrip(statistics, bounds, table, values, exact)).containsExactly(values);
      }
    }
  }

  @Test
  void shouldPutFeaturesInHigherClassesAsTheirResidualGrowsAgainstTheBound() {
    assertThat(ContextResidualModel.classOf(0f, 1f)).isZero();
    assertThat(ContextResidualModel.classOf(1e9f, 1f)).isEqualTo(ContextResidualModel.CLASSES - 1);
    assertThat(ContextResidualModel.classOf(1f, 0f)).isEqualTo(ContextResidualModel.CLASSES - 1);
    int previous = 0;
    for (float m = 1e-4f; m < 10; m *= 1.1f) {
      int c = ContextResidualModel.classOf(m, 0.5f);
      assertThat(c).isGreaterThanOrEqualTo(previous);
      previous = c;
    }
    // Half octaves: doubling the mean moves two classes up in the middle of the range.
    assertThat(ContextResidualModel.classOf(0.2f, 1f) - ContextResidualModel.classOf(0.1f, 1f))
        .isEqualTo(2);
  }

  @Test
  void shouldCodeImageLikeResidualsSmallerWithFittedPriorsThanTheVersionTwoModel() {
    // Residuals clustered in blobs of a 12-wide image, zero elsewhere.
    SplittableRandom rnd = new SplittableRandom(12);
    long[] zeros = new long[ContextResidualModel.STATE_COUNT];
    long[] ones = new long[ContextResidualModel.STATE_COUNT];
    float[] meanAbs = new float[FEATURES];
    Arrays.fill(meanAbs, 0.1f);
    float[] bounds = new float[FEATURES];
    Arrays.fill(bounds, 0.125f);
    int[][] records = new int[300][];
    for (int r = 0; r < records.length; r++) {
      records[r] = blobs(rnd, 12);
    }
    ResidualStatistics counting =
        new ResidualStatistics(1, 12, meanAbs, new float[] {1f}, new int[][] {flat(1 << 14)});
    ContextResidualModel counter = new ContextResidualModel(counting, FEATURES);
    ContextResidualModel.BitSink sink =
        new ContextResidualModel.BitSink() {
          @Override
          public void bit(int[] states, int index, int bit) {
            (bit == 0 ? zeros : ones)[index]++;
          }

          @Override
          public void direct(int value, int count) {}
        };
    for (int r = 0; r < 200; r++) {
      counter.reset(bounds, 0);
      for (int i = 0; i < FEATURES; i++) {
        counter.encode(sink, i, records[r][i]);
      }
    }
    ResidualStatistics fitted =
        new ResidualStatistics(
            1,
            12,
            meanAbs,
            new float[] {1f},
            new int[][] {ResidualStatistics.priorsFromCounts(zeros, ones)});
    long contextBytes = 0;
    long version2Bytes = 0;
    for (int r = 200; r < records.length; r++) {
      contextBytes += encode(fitted, bounds, records[r]).length;
      RangeEncoder enc = new RangeEncoder();
      ResidualModel old = new ResidualModel();
      for (int v : records[r]) {
        old.encode(enc, v);
      }
      enc.finish();
      version2Bytes += enc.size();
    }
    assertThat(contextBytes).isLessThan(version2Bytes * 9 / 10);
  }

  @Test
  void shouldRefuseStatisticsOfAnotherFeatureCount() {
    assertThatThrownBy(
            () ->
                new ContextResidualModel(
                    TestBundles.syntheticStatistics(FEATURES, 0, 1), FEATURES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cover 96 features; the model has 97");
  }

  @Test
  void shouldRefuseMagnitudesBeyondTheLimit() {
    ContextResidualModel model = new ContextResidualModel(null, FEATURES);
    model.reset(new float[FEATURES], 0);
    ContextResidualModel.BitSink sink = ContextResidualModel.BitSink.of(new RangeEncoder());
    assertThatThrownBy(() -> model.encode(sink, 0, ContextResidualModel.MAX_MAGNITUDE + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside");
  }

  private static int[] flat(int p) {
    int[] a = new int[ContextResidualModel.STATE_COUNT];
    Arrays.fill(a, p);
    return a;
  }

  private static int[] blobs(SplittableRandom rnd, int width) {
    int[] q = new int[FEATURES];
    for (int b = 0; b < 2; b++) {
      int centre = rnd.nextInt(FEATURES);
      int sign = rnd.nextBoolean() ? 1 : -1;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int i = centre + dy * width + dx;
          if (i >= 0 && i < FEATURES) {
            q[i] = sign * (1 + rnd.nextInt(2));
          }
        }
      }
    }
    return q;
  }

  private static byte[] encode(ResidualStatistics statistics, float[] bounds, int[] values) {
    RangeEncoder enc = new RangeEncoder();
    ContextResidualModel model = new ContextResidualModel(statistics, FEATURES);
    model.reset(bounds, 0);
    ContextResidualModel.BitSink sink = ContextResidualModel.BitSink.of(enc);
    for (int i = 0; i < values.length; i++) {
      model.encode(sink, i, values[i]);
    }
    enc.finish();
    byte[] out = new byte[enc.size()];
    enc.copyTo(out, 0);
    return out;
  }

  private static int[] roundTrip(
      ResidualStatistics statistics, float[] bounds, int table, int[] values, boolean[] exact) {
    RangeEncoder enc = new RangeEncoder();
    ContextResidualModel model = new ContextResidualModel(statistics, FEATURES);
    model.reset(bounds, table);
    ContextResidualModel.BitSink sink = ContextResidualModel.BitSink.of(enc);
    for (int i = 0; i < values.length; i++) {
      if (exact[i]) {
        model.encodeExact(sink, i, values[i]);
      } else {
        model.encode(sink, i, values[i]);
      }
    }
    enc.finish();
    byte[] bytes = new byte[enc.size()];
    enc.copyTo(bytes, 0);
    RangeDecoder dec = new RangeDecoder();
    dec.init(bytes, 0, bytes.length);
    ContextResidualModel reader = new ContextResidualModel(statistics, FEATURES);
    reader.reset(bounds, table);
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = reader.decode(dec, i);
      assertThat(reader.lastWasExact()).isEqualTo(exact[i]);
    }
    dec.finish();
    return out;
  }
}
