package io.latentwire.codec.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.mapping.FeatureKind;
import io.latentwire.codec.normalize.Normalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualQuantizerTest {
  private static final int N = 12;

  /** Features 0-5 real (standardized, then [0, 1] data), 6-8 integer, 9-11 uint8. */
  private final Normalization norm =
      new Normalization(
          new float[] {0, 0.5f, 1000, -3, 1e6f, 0, 50, 0, 1_700_000_000f, 0, 0, 0},
          new float[] {1, 0.25f, 10, 0.01f, 1e3f, 1e-3f, 20, 1, 1e6f, 255, 255, 255},
          new float[] {6, 1, 60, 0.06f, 6e3f, 6e-3f, 120, 5, 6e6f, 255, 255, 255});

  private final List<FeatureKind> kinds = kinds();
  private final ResidualQuantizer rq = new ResidualQuantizer(norm, kinds);

  private static List<FeatureKind> kinds() {
    List<FeatureKind> k = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      k.add(i < 6 ? FeatureKind.REAL : i < 9 ? FeatureKind.INTEGER : FeatureKind.UINT8);
    }
    return k;
  }

  @Test
  void shouldUseTheDocumentedMargin() {
    // d = 2^-14 * scale + 4 ulp(16 * (|offset| + 4 max(scale, range)))
    double expected = 0x1p-14 * 0.25 + 4 * Math.ulp((float) (16 * (0.5 + 4 * 1.0)));
    assertThat(rq.margin(1)).isEqualTo(expected);
    assertThat(rq.margin(1)).isLessThan(1e-4); // 0.01 % of the [0, 1] range
    assertThat(rq.isInteger(6)).isTrue();
    assertThat(rq.isInteger(1)).isFalse();
  }

  @Test
  void shouldKeepEveryValueWithinItsBoundForAnyReconstructionWithinTheMargin() {
    SplittableRandom rnd = new SplittableRandom(11);
    float[] x = new float[N];
    float[] xhat = new float[N];
    float[] decoded = new float[N];
    long checked = 0;
    int exact = 0;
    for (int round = 0; round < 100_000; round++) {
      float[] bounds = new float[N];
      for (int i = 0; i < N; i++) {
        float r = norm.range(i);
        bounds[i] =
            ResidualCode.roundDownBound(
                switch (rnd.nextInt(6)) {
                  case 0 -> 0f;
                  case 1 -> (float) (rq.margin(i) * rnd.nextDouble(0, 4)); // around the margin
                  case 2 -> r * (float) rnd.nextDouble(0, 2);
                  case 3 -> Float.POSITIVE_INFINITY;
                  default -> r * (float) Math.pow(10, -rnd.nextDouble(0, 5));
                });
        x[i] = value(rnd, i);
        // The model's reconstruction: close, far, or broken.
        xhat[i] =
            switch (rnd.nextInt(8)) {
              case 0 -> x[i] + r * (float) rnd.nextGaussian() * 50;
              case 1 -> Float.NaN;
              default -> x[i] + r * (float) rnd.nextGaussian() * 0.1f;
            };
      }
      ResidualCode code = new ResidualCode(bounds);
      rq.quantize(x, 0, xhat, 0, code);
      exact += code.exactCount();
      // Decode with a reconstruction that drifted anywhere within the margin, ends included.
      for (int trial = 0; trial < 4; trial++) {
        for (int i = 0; i < N; i++) {
          double d = rq.margin(i);
          double drift =
              switch (trial) {
                case 0 -> -d;
                case 1 -> d;
                case 2 -> 0;
                default -> rnd.nextDouble(-d, d);
              };
          decoded[i] = nearestWithin((double) xhat[i] + drift, xhat[i], d);
        }
        rq.reconstruct(code, decoded, 0);
        for (int i = 0; i < N; i++) {
          if (!code.isBounded(i)) {
            continue;
          }
          checked++;
          if (!Float.isFinite(x[i])) {
            assertThat(Float.floatToRawIntBits(decoded[i]))
                .isEqualTo(Float.floatToRawIntBits(x[i]));
          } else {
            assertThat(Math.abs((double) x[i] - decoded[i]))
                .as("feature %d x=%s bound=%s", i, x[i], bounds[i])
                .isLessThanOrEqualTo(bounds[i]);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(3_000_000L);
    // Exact values are the exception (non-finite data, bounds under the margin, broken models).
    assertThat((double) exact / (100_000 * N)).isBetween(0.01, 0.5);
  }

  @Test
  void shouldRoundIntegerFeaturesAndCodeThemLosslesslyUnderABoundBelowOne() {
    float[] bounds = new float[N];
    Arrays.fill(bounds, ResidualCode.roundDownBound(0.9f));
    float[] x = new float[N];
    float[] xhat = new float[N];
    SplittableRandom rnd = new SplittableRandom(12);
    for (int round = 0; round < 10_000; round++) {
      for (int i = 6; i < N; i++) {
        x[i] =
            i < 9
                ? (float) Math.rint(norm.offset()[i] + norm.range(i) * rnd.nextDouble(-0.5, 0.5))
                : rnd.nextInt(256);
        xhat[i] = x[i] + (float) rnd.nextGaussian() * 3;
      }
      ResidualCode code = new ResidualCode(bounds);
      float[] xhat0 = xhat.clone();
      rq.quantize(x, 0, xhat, 0, code);
      rq.reconstruct(code, xhat, 0);
      for (int i = 6; i < N; i++) {
        assertThat(xhat[i]).isEqualTo(x[i]);
        // Feature 8 (scale 1e6) drifts by more than 1/4: it can only be lossless by exact values.
        assertThat(code.isExact(i))
            .as("feature %d x=%s xhat was %s", i, x[i], xhat0[i])
            .isEqualTo(i == 8);
      }
    }
  }

  @Test
  void shouldUseAnOddIntegerStepJustUnderTwoFloorEPlusOne() {
    assertThat(rq.step(9, 2.7f)).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.2));
    assertThat(rq.step(9, 2.7f)).isLessThan(5.0);
    assertThat(rq.step(9, 0.3f)).isLessThan(1.0).isGreaterThan(0.9);
    assertThat(rq.step(1, 0.1f)).isEqualTo(2 * (0.1f - 2 * rq.margin(1)));
  }

  @Test
  void shouldSendValuesExactlyWhenTheBoundIsBelowTheMargin() {
    float[] bounds = new float[N];
    Arrays.fill(bounds, Float.POSITIVE_INFINITY);
    bounds[1] = ResidualCode.roundDownBound((float) rq.margin(1));
    ResidualCode code = new ResidualCode(bounds);
    float[] x = new float[N];
    x[1] = 0.123456f;
    rq.quantize(x, 0, new float[N], 0, code);
    assertThat(code.isExact(1)).isTrue();
    assertThat(code.exactCount()).isEqualTo(1);
  }

  @Test
  void shouldRejectAQuantizedResidualWhereOnlyExactValuesAreSent() {
    float[] bounds = new float[N];
    Arrays.fill(bounds, Float.POSITIVE_INFINITY);
    bounds[1] = 0f;
    ResidualCode code = new ResidualCode(bounds);
    code.setQuantized(1, 3);
    assertThatThrownBy(() -> rq.reconstruct(code, new float[N], 0))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("feature 1");
  }

  @Test
  void shouldRoundBoundsDownToFifteenBits() {
    assertThat(ResidualCode.roundDownBound(0.066f))
        .isLessThanOrEqualTo(0.066f)
        .isGreaterThan(0.0655f);
    assertThat(ResidualCode.roundDownBound(Float.POSITIVE_INFINITY))
        .isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(ResidualCode.roundDownBound(-0f)).isEqualTo(0f);
    assertThat(ResidualCode.boundOf(ResidualCode.boundCode(0.0625f))).isEqualTo(0.0625f);
    assertThat(ResidualCode.boundOf(0x7FC0)).isNaN();
    assertThatThrownBy(() -> ResidualCode.roundDownBound(Float.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResidualCode.roundDownBound(-1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0");
  }

  /** A data value of feature i: typical, an outlier 100x out of range, or not finite. */
  private float value(SplittableRandom rnd, int i) {
    float off = norm.offset()[i];
    float r = norm.range(i);
    float v =
        switch (rnd.nextInt(40)) {
          case 0 -> off + r * 100 * (rnd.nextBoolean() ? 1 : -1);
          case 1 -> Float.NaN;
          case 2 -> rnd.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
          case 3 -> rnd.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
          default -> off + r * (float) rnd.nextDouble(-0.5, 0.5);
        };
    return i >= 6 && Float.isFinite(v) ? (float) Math.rint(v) : v;
  }

  /** The float nearest {@code target} that is within {@code d} of {@code center}. */
  private static float nearestWithin(double target, float center, double d) {
    if (!Float.isFinite(center)) {
      return center;
    }
    float f = (float) target;
    while (Math.abs((double) f - center) > d) {
      f = Math.nextAfter(f, (double) center);
    }
    return f;
  }
}
