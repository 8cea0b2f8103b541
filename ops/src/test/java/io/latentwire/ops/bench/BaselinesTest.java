package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  static final int WIDTH = 100;

  static float[] uint8Rows(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] rows = new float[n * WIDTH];
    for (int i = 0; i < rows.length; i++) {
      // half background, like an image: compressible
      rows[i] = rnd.nextBoolean() ? 0f : rnd.nextInt(256) / 255f;
    }
    return rows;
  }

  static float[] realRows(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] rows = new float[n * WIDTH];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) (rnd.nextGaussian() * 1000);
    }
    return rows;
  }

  static float[] roundTrip(Baseline b, float[] rows) {
    int n = rows.length / b.width();
    byte[][] payloads = b.encode(rows, 0, n);
    float[] out = new float[rows.length];
    // decode in reverse order, one at a time: each payload must stand alone
    for (int i = n - 1; i >= 0; i--) {
      b.decodeOne(payloads[i], out, i * b.width());
    }
    return out;
  }

  @Test
  void uint8ZstdShouldBeLosslessOnEightBitValues() {
    float[] rows = uint8Rows(50, 1);
    try (Uint8ZstdBaseline b = new Uint8ZstdBaseline(WIDTH, 3)) {
      assertThat(roundTrip(b, rows)).containsExactly(rows);
      float[] mostlyBackground = new float[WIDTH];
      mostlyBackground[WIDTH / 2] = 1f;
      assertThat(b.encodeOne(mostlyBackground, 0).length).isLessThan(WIDTH / 4);
      assertThat(b.params()).isEqualTo("level 3");
    }
  }

  @Test
  void float32ZstdShouldBeLosslessOnAnyValues() {
    float[] rows = realRows(20, 2);
    rows[5] = Float.MIN_VALUE;
    rows[6] = -0f;
    try (Float32ZstdBaseline b = new Float32ZstdBaseline(WIDTH, 19)) {
      float[] back = roundTrip(b, rows);
      for (int i = 0; i < rows.length; i++) {
        assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(rows[i]));
      }
    }
  }

  @Test
  void float16ZstdShouldStayWithinTwoToTheMinusElevenRelative() {
    float[] rows = realRows(20, 3);
    try (Float16ZstdBaseline b = new Float16ZstdBaseline(WIDTH, 19)) {
      float[] back = roundTrip(b, rows);
      for (int i = 0; i < rows.length; i++) {
        assertThat(Math.abs(back[i] - rows[i]))
            .isLessThanOrEqualTo(Math.abs(rows[i]) * 0x1p-11f + 0x1p-25f);
      }
      assertThat(back).isNotEqualTo(rows); // it is lossy: the test above bounds the loss
    }
  }

  @Test
  void shouldRejectAZstdLevelOutOfRange() {
    assertThatThrownBy(() -> new Float32ZstdBaseline(WIDTH, 23))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zstd level");
  }

  /** Rank-3 rows in 20 dimensions (one fixed basis) plus a little noise. */
  static float[] lowRank(int n, long seed) {
    int w = 20;
    SplittableRandom fixed = new SplittableRandom(42);
    double[][] basis = new double[3][w];
    for (double[] b : basis) {
      for (int j = 0; j < w; j++) {
        b[j] = fixed.nextGaussian();
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] rows = new float[n * w];
    for (int r = 0; r < n; r++) {
      double[] c = {rnd.nextGaussian() * 5, rnd.nextGaussian() * 3, rnd.nextGaussian()};
      for (int j = 0; j < w; j++) {
        rows[r * w + j] =
            (float)
                (10
                    + c[0] * basis[0][j]
                    + c[1] * basis[1][j]
                    + c[2] * basis[2][j]
                    + rnd.nextGaussian() * 0.01);
      }
    }
    return rows;
  }

  @Test
  void pcaErrorShouldFallAsCoefficientsGrowAndPayloadHoldOneBytePerCoefficient() {
    float[] train = lowRank(2000, 4);
    float[] test = lowRank(300, 5);
    float[] scale = new float[20];
    Arrays.fill(scale, 1f);
    PcaModel pca = PcaModel.fit(train, 20, scale, 4);
    assertThat(pca.variance(0)).isGreaterThan(pca.variance(1));
    assertThat(pca.variance(3)).isLessThan(0.01);
    double previous = Double.POSITIVE_INFINITY;
    for (int k = 1; k <= 3; k++) {
      PcaBaseline b = new PcaBaseline(pca, k);
      assertThat(b.encodeOne(test, 0)).hasSize(k);
      double rmse = rmse(test, roundTrip(b, test));
      assertThat(rmse).as("k=%d", k).isLessThan(previous);
      previous = rmse;
    }
    // rank 3 fully captured: only the 8-bit quantization is left, about range/255/sqrt(12)
    assertThat(previous).isLessThan(0.3);
  }

  @Test
  void pcaShouldWorkInTheScaledUnitsAndReturnRawUnits() {
    float[] train = lowRank(1000, 6);
    float[] scale = new float[20];
    Arrays.fill(scale, 100f);
    PcaModel scaled = PcaModel.fit(train, 20, scale, 3);
    float[] back = roundTrip(new PcaBaseline(scaled, 3), train);
    assertThat(rmse(train, back)).isLessThan(0.3);
  }

  @Test
  void pcaShouldClampReconstructionsToEachFeaturesTrainingRange() {
    float[] train = uint8Rows(300, 8);
    float[] scale = new float[WIDTH];
    Arrays.fill(scale, 1f);
    PcaModel pca = PcaModel.fit(train, WIDTH, scale, 1);
    float[] extreme = new float[WIDTH];
    Arrays.fill(extreme, 5f); // far outside the [0, 1] seen in training
    float[] back = new float[WIDTH];
    PcaBaseline b = new PcaBaseline(pca, 1);
    b.decodeOne(b.encodeOne(extreme, 0), back, 0);
    for (float v : back) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void pcaShouldRejectMoreCoefficientsThanFitted() {
    float[] train = lowRank(100, 7);
    float[] scale = new float[20];
    Arrays.fill(scale, 1f);
    PcaModel pca = PcaModel.fit(train, 20, scale, 2);
    assertThatThrownBy(() -> new PcaBaseline(pca, 3)).hasMessageContaining("between 1 and 2");
  }

  static double rmse(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (double) (a[i] - b[i]);
    }
    return Math.sqrt(s / a.length);
  }
}
