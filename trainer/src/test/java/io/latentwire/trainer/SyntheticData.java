package io.latentwire.trainer;

import java.util.SplittableRandom;

/** Seeded synthetic data sets for trainer tests: structured, so a VAE has something to learn. */
public final class SyntheticData {
  private SyntheticData() {}

  /**
   * Rows driven by a few hidden factors: {@code x = A · f + small noise}, {@code f ~ N(0, I)}. With
   * {@code squash}, values pass through a sigmoid into (0, 1); otherwise they stay roughly
   * standardised.
   */
  public static float[] correlated(int rows, int width, int factors, boolean squash, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] mixing = new double[width * factors];
    for (int i = 0; i < mixing.length; i++) {
      mixing[i] = random.nextGaussian() / Math.sqrt(factors);
    }
    float[] data = new float[rows * width];
    double[] f = new double[factors];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < factors; k++) {
        f[k] = random.nextGaussian();
      }
      for (int c = 0; c < width; c++) {
        double v = 0.05 * random.nextGaussian();
        for (int k = 0; k < factors; k++) {
          v += mixing[c * factors + k] * f[k];
        }
        data[r * width + c] = (float) (squash ? 1 / (1 + Math.exp(-2 * v)) : v);
      }
    }
    return data;
  }

  /** 28×28 images in [0, 1]: a few Gaussian blobs at random places, plus a little noise. */
  public static float[] blobImages(int rows, long seed) {
    int side = 28;
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = new float[rows * side * side];
    for (int r = 0; r < rows; r++) {
      int blobs = 1 + random.nextInt(3);
      double[] cx = new double[blobs];
      double[] cy = new double[blobs];
      double[] radius = new double[blobs];
      for (int b = 0; b < blobs; b++) {
        cx[b] = random.nextDouble(4, 24);
        cy[b] = random.nextDouble(4, 24);
        radius[b] = random.nextDouble(2, 6);
      }
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          double v = 0.02 * random.nextDouble();
          for (int b = 0; b < blobs; b++) {
            double dx = x - cx[b];
            double dy = y - cy[b];
            v += Math.exp(-(dx * dx + dy * dy) / (2 * radius[b] * radius[b]));
          }
          data[r * side * side + y * side + x] = (float) Math.min(1.0, v);
        }
      }
    }
    return data;
  }
}
