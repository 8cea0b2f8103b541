package io.latentwire.codec.quant;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.mapping.FeatureKind;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.payload.PayloadFormat;
import io.latentwire.codec.testing.TestBundles;
import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualStatisticsFitterTest {
  private static final int WIDTH = 10;
  private static final int FEATURES = 60;
  private static final int ROWS = 400;

  @Test
  void shouldFindTheImageWidthAndFitTheSameStatisticsTwice() {
    float[][] data = images(new SplittableRandom(21), ROWS);
    ResidualStatistics a = fit(data);
    ResidualStatistics b = fit(data);
    assertThat(a).isEqualTo(b);
    assertThat(a.width()).isEqualTo(WIDTH);
    assertThat(a.tableCount()).isEqualTo(ResidualStatisticsFitter.REFERENCE_BOUNDS.length);
    // Border features never err; the blob area does.
    assertThat(a.meanAbsResidual(0)).isZero();
    assertThat(a.meanAbsResidual(WIDTH * 3 + 5)).isPositive();
  }

  @Test
  void shouldNotInventAWidthForUnstructuredRecords() {
    SplittableRandom rnd = new SplittableRandom(22);
    float[][] data = new float[2][ROWS * FEATURES];
    for (int i = 0; i < data[0].length; i++) {
      data[0][i] = (float) rnd.nextGaussian();
    }
    assertThat(fit(data).width()).isZero();
  }

  @Test
  void shouldMakeHeldOutPayloadsSmallerThanUninformedPriors() {
    ResidualStatistics s = fit(images(new SplittableRandom(23), ROWS));
    float[][] test = images(new SplittableRandom(24), 100);
    ResidualQuantizer quantizer = quantizer();
    PayloadFormat fitted = new PayloadFormat(TestBundles.ladder(2, 1.0, 1f), 2, FEATURES, s);
    PayloadFormat uninformed = new PayloadFormat(TestBundles.ladder(2, 1.0, 1f), 2, FEATURES);
    float[] bounds = new float[FEATURES];
    Arrays.fill(bounds, ResidualCode.roundDownBound(0.05f));
    long withStats = 0;
    long without = 0;
    for (int r = 0; r < 100; r++) {
      ResidualCode code = new ResidualCode(bounds);
      quantizer.quantize(test[0], r * FEATURES, test[1], r * FEATURES, code);
      withStats += fitted.write(0, new int[2], code).length;
      without += uninformed.write(0, new int[2], code).length;
    }
    assertThat(withStats).isLessThan(without * 9 / 10);
  }

  private static ResidualStatistics fit(float[][] data) {
    return ResidualStatisticsFitter.fit(
        quantizer(), normalization(), data[0], data[1], data[0].length / FEATURES);
  }

  private static ResidualQuantizer quantizer() {
    return new ResidualQuantizer(normalization(), Collections.nCopies(FEATURES, FeatureKind.REAL));
  }

  private static Normalization normalization() {
    float[] zero = new float[FEATURES];
    float[] one = new float[FEATURES];
    Arrays.fill(one, 1f);
    return new Normalization(zero, one, one);
  }

  /** {x, x_hat}: 6 x 10 images whose reconstruction misses a blob near the centre. */
  private static float[][] images(SplittableRandom rnd, int rows) {
    float[] x = new float[rows * FEATURES];
    float[] xhat = new float[rows * FEATURES];
    for (int r = 0; r < rows; r++) {
      int cy = 2 + rnd.nextInt(2);
      int cx = 3 + rnd.nextInt(4);
      for (int y = 0; y < FEATURES / WIDTH; y++) {
        for (int c = 0; c < WIDTH; c++) {
          int i = r * FEATURES + y * WIDTH + c;
          boolean blob = Math.abs(y - cy) <= 1 && Math.abs(c - cx) <= 1;
          xhat[i] = 0.5f;
          x[i] = blob ? 0.5f + (float) (0.3 * rnd.nextGaussian()) : 0.5f;
        }
      }
    }
    return new float[][] {x, xhat};
  }
}
