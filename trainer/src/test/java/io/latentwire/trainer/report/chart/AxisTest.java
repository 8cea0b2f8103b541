package io.latentwire.trainer.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AxisTest {
  @Test
  void shouldWidenALinearRangeToNiceTicks() {
    Axis a = Axis.fitting("psnr", Axis.Scale.LINEAR, 21.3, 27.9);
    assertThat(a.min()).isEqualTo(20.0);
    assertThat(a.max()).isEqualTo(28.0);
    assertThat(a.ticks()).containsExactly(20.0, 22.0, 24.0, 26.0, 28.0);
    assertThat(a.tickLabel(22.0)).isEqualTo("22");
  }

  @Test
  void shouldWidenALinearRangeToTheNearestWholeStepsOnly() {
    Axis a = Axis.linearInSteps("psnr", 5, 25.5, Double.POSITIVE_INFINITY, 31.2, Double.NaN);
    assertThat(a.min()).isEqualTo(25.0);
    assertThat(a.max()).isEqualTo(35.0);
    assertThat(a.ticks()).containsExactly(25.0, 30.0, 35.0);
    assertThat(Axis.linearInSteps("psnr", 5, 30, 30).max()).isEqualTo(35.0);
    assertThat(Axis.linearInSteps("psnr", 5, Double.POSITIVE_INFINITY).ticks())
        .containsExactly(0.0, 5.0, 10.0);
    assertThatThrownBy(() -> Axis.linearInSteps("psnr", 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("psnr")
        .hasMessageContaining("step");
  }

  @Test
  void shouldTickEveryPowerOfTenOnALogAxis() {
    Axis a = Axis.fitting("bytes", Axis.Scale.LOG10, 3.2, 41, 180);
    assertThat(a.min()).isEqualTo(1.0);
    assertThat(a.max()).isEqualTo(1000.0, within(1e-9));
    assertThat(a.ticks()).hasSize(4);
    assertThat(a.tickLabel(1000)).isEqualTo("1,000");
    assertThat(a.minorTicks()).contains(2.0, 50.0).doesNotContain(1.0, 10.0);
    assertThat(a.fraction(10)).isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void shouldLabelTwosAndFivesWhenALogAxisSpansOneDecade() {
    Axis a = Axis.fitting("mse", Axis.Scale.LOG10, 0.026, 0.08);
    assertThat(a.ticks()).hasSize(4);
    assertThat(a.ticks().stream().map(a::tickLabel)).containsExactly("0.01", "0.02", "0.05", "0.1");
  }

  @Test
  void shouldIgnoreValuesTheScaleCannotShow() {
    Axis a = Axis.fitting("x", Axis.Scale.LOG10, 0, -1, Double.NaN, 50, Double.POSITIVE_INFINITY);
    assertThat(a.min()).isEqualTo(10.0);
    assertThat(a.max()).isEqualTo(100.0, within(1e-9));
    assertThat(a.fraction(0)).isNaN();
    assertThat(a.fraction(Double.POSITIVE_INFINITY)).isNaN();
  }

  @Test
  void shouldGiveAFlatSeriesARangeAroundItsValue() {
    Axis a = Axis.fitting("x", Axis.Scale.LINEAR, 5, 5);
    assertThat(a.min()).isLessThan(5);
    assertThat(a.max()).isGreaterThan(5);
  }

  @Test
  void shouldUseAFixedStepWhenAsked() {
    Axis a = Axis.fitting("db", Axis.Scale.LINEAR, 12, 31).withTickStep(5);
    assertThat(a.ticks()).containsExactly(10.0, 15.0, 20.0, 25.0, 30.0, 35.0);
    assertThat(a.includingZero().min()).isZero();
  }

  @Test
  void shouldRejectARangeItCannotDraw() {
    assertThatThrownBy(() -> new Axis("b", Axis.Scale.LOG10, 0, 10, Double.NaN, null))
        .hasMessageContaining("'b'")
        .hasMessageContaining("min > 0");
    assertThatThrownBy(() -> new Axis("y", Axis.Scale.LINEAR, 3, 3, Double.NaN, null))
        .hasMessageContaining("max > min");
  }
}
