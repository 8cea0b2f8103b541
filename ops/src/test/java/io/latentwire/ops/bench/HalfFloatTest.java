package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatTest {

  @Test
  void shouldRoundTripEveryHalfValueExactly() {
    for (int h = 0; h < 0x10000; h++) {
      short half = (short) h;
      float f = HalfFloat.toFloat(half);
      if (Float.isNaN(f)) {
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(f))).isNaN();
        continue;
      }
      assertThat(HalfFloat.fromFloat(f)).as("half 0x%04x = %s", h, f).isEqualTo(half);
    }
  }

  @Test
  void shouldStayWithinHalfAnUlpRelativeErrorInTheNormalRange() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      float f = (float) (rnd.nextDouble(6.2e-5, 65000) * (rnd.nextBoolean() ? 1 : -1));
      float back = HalfFloat.toFloat(HalfFloat.fromFloat(f));
      assertThat(Math.abs(back - f) / Math.abs(f))
          .as("%s -> %s", f, back)
          .isLessThanOrEqualTo(0x1p-11f);
    }
  }

  @Test
  void shouldRoundToTheNearestHalfAndTiesToEven() {
    float one = 1f;
    float ulp = 0x1p-10f; // spacing of halves in [1, 2)
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(one + ulp / 2))).isEqualTo(one);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(one + 3 * ulp / 2))).isEqualTo(one + 2 * ulp);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(one + ulp / 2 + 0x1p-20f)))
        .isEqualTo(one + ulp);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(0.1f))).isEqualTo(0.0999755859375f);
  }

  @Test
  void shouldHandleOverflowSubnormalsZeroAndNan() {
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(65504f))).isEqualTo(65504f);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(65520f))).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(-1e6f))).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(0x1p-24f))).isEqualTo(0x1p-24f);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(0x1.8p-24f))).isEqualTo(0x1p-23f);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(0x1p-25f))).isEqualTo(0f);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(0x1.01p-25f))).isEqualTo(0x1p-24f);
    assertThat(HalfFloat.fromFloat(-0f)).isEqualTo((short) 0x8000);
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))).isNaN();
    assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(Float.intBitsToFloat(0x7f800001)))).isNaN();
  }
}
