package io.latentwire.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test data: 8 correlated sensor columns driven by 2 hidden factors, plus a text column. */
public final class SensorCsv {
  private SensorCsv() {}

  public static Path write(Path file, int rows, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("site,t1,t2,p,flow,rpm,power,hum,vib\n");
    for (int i = 0; i < rows; i++) {
      double a = rnd.nextDouble(-1, 1);
      double b = rnd.nextDouble(-1, 1);
      sb.append(
          String.format(
              Locale.ROOT,
              "site-%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n",
              i % 3,
              20 + 5 * a,
              25 + 5 * a + 2 * b,
              3 + b,
              100 + 30 * b,
              1500 + 400 * b,
              10 + 3 * a * b,
              50 - 10 * a,
              0.5 + 0.2 * b + 0.01 * rnd.nextGaussian()));
    }
    Files.writeString(file, sb);
    return file;
  }
}
