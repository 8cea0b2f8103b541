package io.latentwire.ops.bench;

import java.time.Duration;
import java.util.Locale;

/** How figures are printed in progress lines and reports, the same everywhere. */
final class Figures {
  private Figures() {}

  /** {@code ∞} for lossless, else two decimals. */
  static String psnr(double db) {
    if (Double.isInfinite(db)) {
      return "∞";
    }
    return Double.isNaN(db) ? "n/a" : String.format(Locale.ROOT, "%.2f", db);
  }

  /** {@code 0} when exact, else three significant digits. */
  static String error(double e) {
    if (e == 0) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.3g", e);
  }

  static String bytes(double b) {
    return String.format(Locale.ROOT, "%.1f", b);
  }

  /** Records/s to three significant digits with thousands separators: speeds vary more. */
  static String rate(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      return "n/a";
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(perSecond)) - 2);
    double rounded = Math.round(perSecond / magnitude) * magnitude;
    return String.format(Locale.ROOT, "%,.0f", rounded);
  }

  /** {@code 3m}, {@code 90s}: as the options are written. */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
