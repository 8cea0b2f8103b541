package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  @Test
  void shouldFindTheEigenpairsOfATwoByTwoMatrix() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertThat(e.values()).containsExactly(new double[] {3, 1}, within(1e-12));
    double[] v = e.vector(0);
    assertThat(Math.abs(v[0])).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(v[0]).isCloseTo(v[1], within(1e-12));
  }

  @Test
  void shouldMatchTheKnownSpectrumOfTheSecondDifferenceMatrix() {
    int n = 40;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = 2;
      if (i > 0) {
        a[i][i - 1] = -1;
        a[i - 1][i] = -1;
      }
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    for (int k = 1; k <= n; k++) {
      // eigenvalues 2 - 2 cos(k pi / (n + 1)), largest first
      double expected = 2 - 2 * Math.cos((n + 1 - k) * Math.PI / (n + 1));
      assertThat(e.value(k - 1)).isCloseTo(expected, within(1e-10));
    }
  }

  @Test
  void shouldDecomposeARandomSymmetricMatrixIntoOrthonormalEigenvectors() {
    int n = 60;
    SplittableRandom rnd = new SplittableRandom(11);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = a[j][i] = rnd.nextDouble(-1, 1);
      }
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    for (int k = 0; k < n; k++) {
      double[] v = e.vector(k);
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int j = 0; j < n; j++) {
          av += a[i][j] * v[j];
        }
        assertThat(av).isCloseTo(e.value(k) * v[i], within(1e-10));
      }
      for (int m = 0; m <= k; m++) {
        assertThat(dot(v, e.vector(m))).isCloseTo(m == k ? 1 : 0, within(1e-10));
      }
      if (k > 0) {
        assertThat(e.value(k)).isLessThanOrEqualTo(e.value(k - 1));
      }
    }
  }

  @Test
  void shouldRejectAMatrixThatIsNotSymmetric() {
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {0, 1}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not symmetric");
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}}))
        .hasMessageContaining("square");
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
