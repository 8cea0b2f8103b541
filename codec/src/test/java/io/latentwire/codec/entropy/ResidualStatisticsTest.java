package io.latentwire.codec.entropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.testing.TestBundles;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResidualStatisticsTest {
  private static final int[][] PRIORS = {new int[ContextResidualModel.STATE_COUNT]};

  static {
    Arrays.fill(PRIORS[0], 1 << 14);
  }

  @Test
  void shouldSurviveTheBundleRoundTripAndChangeTheModelId() {
    ModelBundle plain =
        TestBundles.identity(List.of(new MappedField("px", FieldType.BYTES, 6)), 2, 0.5f);
    ModelBundle withStats = TestBundles.withSyntheticStatistics(plain, 3, 2);
    ModelBundle read = ModelBundle.fromBytes(withStats.toBytes());
    assertThat(read.manifest().residualStatistics())
        .isEqualTo(withStats.manifest().residualStatistics())
        .isEqualTo(TestBundles.syntheticStatistics(6, 3, 2));
    assertThat(read.id()).isEqualTo(withStats.id()).isNotEqualTo(plain.id());
    assertThat(ModelBundle.fromBytes(plain.toBytes()).manifest().residualStatistics()).isNull();
  }

  @Test
  void shouldChooseThePriorTableNearestTheBoundsInLogScale() {
    ResidualStatistics s = TestBundles.syntheticStatistics(10, 0, 4); // ratios 0.25, 0.5, 1, 2
    float[] bounds = new float[10];
    // meanAbs is (i % 5) * 0.25: features 0 and 5 are skipped, the others' ratios average out.
    Arrays.fill(bounds, 0.5f);
    int mid = s.tableFor(bounds);
    Arrays.fill(bounds, 100f);
    assertThat(s.tableFor(bounds)).isEqualTo(3);
    Arrays.fill(bounds, 0.001f);
    assertThat(s.tableFor(bounds)).isZero();
    assertThat(mid).isBetween(1, 2);
    Arrays.fill(bounds, Float.POSITIVE_INFINITY);
    assertThat(s.tableFor(bounds)).isEqualTo(3);
  }

  @Test
  void shouldNameTheFieldOfAnInvalidValue() {
    float[] mean = {0.1f, 0.2f, 0.3f};
    assertThatThrownBy(() -> new ResidualStatistics(2, 0, mean, new float[] {1}, PRIORS))
        .hasMessageContaining("layout 2");
    assertThatThrownBy(() -> new ResidualStatistics(1, 1, mean, new float[] {1}, PRIORS))
        .hasMessageContaining("width must be 0 or 2..3");
    assertThatThrownBy(
            () -> new ResidualStatistics(1, 0, new float[] {Float.NaN}, new float[] {1}, PRIORS))
        .hasMessageContaining("meanAbsResidual[0]");
    assertThatThrownBy(() -> new ResidualStatistics(1, 0, mean, new float[] {0}, PRIORS))
        .hasMessageContaining("tableRatios[0]");
    assertThatThrownBy(() -> new ResidualStatistics(1, 0, mean, new float[] {1, 2}, PRIORS))
        .hasMessageContaining("1 to 8 prior tables");
    int[][] bad = {PRIORS[0].clone()};
    bad[0][5] = 0;
    assertThatThrownBy(() -> new ResidualStatistics(1, 0, mean, new float[] {1}, bad))
        .hasMessageContaining("priors[0][5] must be 1..32767");
    assertThatThrownBy(
            () -> new ResidualStatistics(1, 0, mean, new float[] {1}, new int[][] {{1, 2}}))
        .hasMessageContaining("priors[0] must hold " + ContextResidualModel.STATE_COUNT);
  }

  @Test
  void shouldKeepPriorsAwayFromCertainty() {
    long[] zeros = new long[ContextResidualModel.STATE_COUNT];
    long[] ones = new long[ContextResidualModel.STATE_COUNT];
    zeros[0] = 1_000_000;
    ones[1] = 1_000_000;
    zeros[2] = 300;
    ones[2] = 100;
    int[] p = ResidualStatistics.priorsFromCounts(zeros, ones);
    assertThat(p[0]).isEqualTo((1 << 15) - 32);
    assertThat(p[1]).isEqualTo(32);
    assertThat(p[2]).isBetween(24_500, 24_650); // 3/4 of 2^15
    assertThat(p[3]).isEqualTo(1 << 14); // nothing seen: one half
  }
}
