package io.latentwire.ops.bench;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal
 * form, then the implicit QL algorithm (the classic {@code tred2}/{@code tql2} pair of EISPACK, as
 * in JAMA). {@code O(n^3)}: a 784×784 covariance takes about a second, where cyclic Jacobi would
 * take tens of seconds and power iteration converges slowly on the small eigengaps of image data.
 *
 * <p>Immutable result; eigenvalues sorted in descending order, eigenvector {@code i} belongs to
 * eigenvalue {@code i}, eigenvectors orthonormal.
 */
public final class SymmetricEigen {
  private static final double EPS = Math.ulp(1.0);
  private static final int MAX_QL_ITERATIONS_PER_EIGENVALUE = 60;

  private final double[] values;
  private final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes {@code a} (only read, never modified).
   *
   * @throws IllegalArgumentException if {@code a} is not square, not symmetric (relative tolerance
   *     1e-9) or holds a non-finite value
   * @throws ArithmeticException if QL iteration does not converge (not seen on finite input)
   */
  public static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException(
            "matrix must be square: row " + i + " has " + a[i].length + " columns, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(a[i][j])) {
          throw new IllegalArgumentException("matrix element [" + i + "][" + j + "] is " + a[i][j]);
        }
        maxAbs = Math.max(maxAbs, Math.abs(a[i][j]));
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * Math.max(maxAbs, Double.MIN_NORMAL)) {
          throw new IllegalArgumentException(
              "matrix is not symmetric: ["
                  + i
                  + "]["
                  + j
                  + "] = "
                  + a[i][j]
                  + " but ["
                  + j
                  + "]["
                  + i
                  + "] = "
                  + a[j][i]);
        }
      }
    }
    if (n == 0) {
      return new SymmetricEigen(new double[0], new double[0][]);
    }
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      v[i] = a[i].clone();
    }
    double[] d = new double[n];
    double[] e = new double[n];
    tridiagonalize(v, d, e);
    // QL rotates pairs of eigenvector columns; rows of the transpose are contiguous in memory.
    double[][] z = transpose(v);
    diagonalize(d, e, z);
    return sortedDescending(d, z);
  }

  /** Number of eigenvalues (the matrix order). */
  public int size() {
    return values.length;
  }

  /** Eigenvalue {@code i}, in descending order. */
  public double value(int i) {
    return values[i];
  }

  /** All eigenvalues, descending (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** Unit eigenvector {@code i} (a copy). */
  public double[] vector(int i) {
    return vectors[i].clone();
  }

  /** Householder reduction of the symmetric matrix in {@code v} (tred2); v becomes Q. */
  private static void tridiagonalize(double[][] v, double[] d, double[] e) {
    int n = d.length;
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0.0;
      double h = 0.0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0.0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0.0;
          v[j][i] = 0.0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0.0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j][i] = f;
          g = e[j] + v[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k][j] * d[k];
            e[k] += v[k][j] * f;
          }
          e[j] = g;
        }
        f = 0.0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k][j] -= (f * e[k] + g * d[k]);
          }
          d[j] = v[i - 1][j];
          v[i][j] = 0.0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1.0;
      double h = d[i + 1];
      if (h != 0.0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k][i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0.0;
          for (int k = 0; k <= i; k++) {
            g += v[k][i + 1] * v[k][j];
          }
          for (int k = 0; k <= i; k++) {
            v[k][j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k][i + 1] = 0.0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0.0;
    }
    v[n - 1][n - 1] = 1.0;
    e[0] = 0.0;
  }

  /**
   * Implicit QL on the tridiagonal matrix (d, e) (tql2); {@code z} holds the eigenvectors as rows
   * (the transpose of tql2's column layout).
   */
  private static void diagonalize(double[] d, double[] e, double[][] z) {
    int n = d.length;
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0.0;
    double f = 0.0;
    double tst1 = 0.0;
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) {
        m++;
      }
      if (m > l) {
        int iterations = 0;
        do {
          if (++iterations > MAX_QL_ITERATIONS_PER_EIGENVALUE) {
            throw new ArithmeticException(
                "QL iteration did not converge for eigenvalue " + l + " of " + n);
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2.0 * e[l]);
          double r = Math.hypot(p, 1.0);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1.0;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0.0;
          double s2 = 0.0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            double[] zi = z[i];
            double[] zi1 = z[i + 1];
            for (int k = 0; k < n; k++) {
              double t = zi1[k];
              zi1[k] = s * zi[k] + c * t;
              zi[k] = c * zi[k] - s * t;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > EPS * tst1);
      }
      d[l] += f;
      e[l] = 0.0;
    }
  }

  private static double[][] transpose(double[][] v) {
    int n = v.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[j][i] = v[i][j];
      }
    }
    return t;
  }

  private static SymmetricEigen sortedDescending(double[] d, double[][] z) {
    int n = d.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(d[y], d[x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][];
    for (int i = 0; i < n; i++) {
      values[i] = d[order[i]];
      vectors[i] = z[order[i]];
    }
    return new SymmetricEigen(values, vectors);
  }
}
