package io.latentwire.trainer.pipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Test data: a CSV of numeric columns on very different scales (1e-3 to 1e4, some integer), driven
 * by a few hidden factors through nonlinear functions, with a little noise: what telemetry looks
 * like, and what a linear model such as PCA cannot capture in few coefficients.
 */
final class WideCsv {
  private WideCsv() {}

  static Path write(Path file, int rows, int columns, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder header = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        header.append(c == 0 ? "" : ",").append("c").append(c);
      }
      w.write(header.append('\n').toString());
      StringBuilder line = new StringBuilder(columns * 12);
      for (int r = 0; r < rows; r++) {
        double a = rnd.nextDouble(-1, 1);
        double b = rnd.nextDouble(-1, 1);
        double c3 = rnd.nextDouble(-1, 1);
        double d = rnd.nextGaussian() * 0.5;
        line.setLength(0);
        for (int c = 0; c < columns; c++) {
          double scale = Math.pow(10, (c % 8) - 3); // 1e-3 .. 1e4
          double v =
              switch (c % 6) {
                case 0 -> Math.sin(3 * a + c) + 0.5 * b;
                case 1 -> a * b + c3;
                case 2 -> Math.exp(0.8 * b) - d;
                case 3 -> Math.tanh(2 * c3 - a) + 0.3 * d * d;
                case 4 -> a * a - b * c3;
                default -> Math.cos(2 * b + d) * a;
              };
          v = scale * (v + 0.01 * rnd.nextGaussian());
          if (c % 5 == 4) {
            line.append(c == 0 ? "" : ",").append(Math.round(v * 10 + 1000));
          } else {
            line.append(c == 0 ? "" : ",").append((float) v);
          }
        }
        w.write(line.append('\n').toString());
      }
    }
    return file;
  }
}
