package io.latentwire.trainer.report.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One axis of an {@link XyChart}: its label, scale and value range, and where its ticks go.
 *
 * @param label text drawn along the axis, non-null (may be empty)
 * @param scale linear or log10
 * @param min smallest value shown, finite; {@code > 0} on a log axis
 * @param max largest value shown, finite, {@code > min}
 * @param tickStep distance between ticks on a linear axis, or NaN to choose a "nice" step (1, 2 or
 *     5 times a power of ten, about 6 ticks); ignored on a log axis, which ticks every power of ten
 * @param infinityLabel when non-null, values of {@code +Infinity} are drawn in a band beyond {@code
 *     max} carrying this label (e.g. "lossless"); when null they are left out
 */
public record Axis(
    String label, Scale scale, double min, double max, double tickStep, String infinityLabel) {

  /** How values map to positions. */
  public enum Scale {
    LINEAR,
    LOG10
  }

  /** Checks the range fits the scale. */
  public Axis {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(scale, "scale");
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
      throw new IllegalArgumentException(
          "axis '" + label + "': range must be finite with max > min, got " + min + ".." + max);
    }
    if (scale == Scale.LOG10 && !(min > 0)) {
      throw new IllegalArgumentException(
          "axis '" + label + "': a log axis needs min > 0, got " + min);
    }
    if (!Double.isNaN(tickStep) && !(tickStep > 0 && Double.isFinite(tickStep))) {
      throw new IllegalArgumentException(
          "axis '" + label + "': tickStep must be > 0 or NaN (automatic), got " + tickStep);
    }
  }

  /**
   * An axis whose range covers the finite values given, widened to whole ticks (whole powers of ten
   * on a log axis). Non-finite values, and values {@code <= 0} on a log axis, are ignored; with
   * none left the range is 0..1 (1..10 on a log axis).
   *
   * @param values the data the axis must show, non-null
   */
  public static Axis fitting(String label, Scale scale, double... values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v) && (scale == Scale.LINEAR || v > 0)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (scale == Scale.LOG10) {
      if (lo > hi) {
        return new Axis(label, scale, 1, 10, Double.NaN, null);
      }
      double a = Math.pow(10, Math.floor(Math.log10(lo)));
      double b = Math.pow(10, Math.ceil(Math.log10(hi)));
      return new Axis(label, scale, a, b > a ? b : a * 10, Double.NaN, null);
    }
    if (lo > hi) {
      return new Axis(label, scale, 0, 1, Double.NaN, null);
    }
    if (lo == hi) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double step = niceStep((hi - lo) / 5);
    return new Axis(
        label, scale, Math.floor(lo / step) * step, Math.ceil(hi / step) * step, Double.NaN, null);
  }

  /**
   * A linear axis ticked every {@code step} whose range covers the finite values given, widened to
   * whole steps and at least one step wide (e.g. 5 dB ticks on a PSNR axis). Unlike {@code
   * fitting(...).withTickStep(step)} the range is not first rounded to an automatic step, so it
   * never grows beyond the nearest multiples of {@code step}. With no finite values the range is
   * {@code 0..2*step}.
   *
   * @param step distance between ticks, finite and {@code > 0}
   * @param values the data the axis must show, non-null; non-finite values are ignored
   */
  public static Axis linearInSteps(String label, double step, double... values) {
    if (!(step > 0 && Double.isFinite(step))) {
      throw new IllegalArgumentException(
          "axis '" + label + "': step must be finite and > 0, got " + step);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      return new Axis(label, Scale.LINEAR, 0, 2 * step, step, null);
    }
    double min = Math.floor(lo / step) * step;
    double max = Math.max(min + step, Math.ceil(hi / step) * step);
    return new Axis(label, Scale.LINEAR, min, max, step, null);
  }

  /** A copy whose linear ticks are {@code step} apart, the range widened to whole steps. */
  public Axis withTickStep(double step) {
    if (scale == Scale.LOG10) {
      return this;
    }
    return new Axis(
        label,
        scale,
        Math.floor(min / step) * step,
        Math.ceil(max / step) * step,
        step,
        infinityLabel);
  }

  /** A copy that also shows {@code +Infinity} values in a band labelled {@code text}. */
  public Axis withInfinityBand(String text) {
    return new Axis(label, scale, min, max, tickStep, Objects.requireNonNull(text, "text"));
  }

  /** A copy whose range also includes zero (linear axes only). */
  public Axis includingZero() {
    if (scale == Scale.LOG10 || (min <= 0 && max >= 0)) {
      return this;
    }
    return new Axis(label, scale, Math.min(min, 0), Math.max(max, 0), tickStep, infinityLabel);
  }

  /**
   * Where a value sits along the axis.
   *
   * @return 0 at {@code min}, 1 at {@code max}, beyond for values outside; NaN for values a log
   *     axis cannot show ({@code <= 0}) and for non-finite values
   */
  public double fraction(double value) {
    if (!Double.isFinite(value)) {
      return Double.NaN;
    }
    if (scale == Scale.LOG10) {
      if (!(value > 0)) {
        return Double.NaN;
      }
      return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }
    return (value - min) / (max - min);
  }

  /** The tick values, ascending, all within {@code [min, max]}. */
  public List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (scale == Scale.LOG10) {
      // Within about one decade, powers of ten alone leave the axis nearly unlabelled.
      boolean narrow = Math.log10(max) - Math.log10(min) <= 1 + 1e-9;
      for (double e = Math.floor(Math.log10(min) + 1e-9); e <= Math.log10(max) + 1e-9; e++) {
        for (int m : narrow ? new int[] {1, 2, 5} : new int[] {1}) {
          double v = m * Math.pow(10, e);
          if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
            ticks.add(v);
          }
        }
      }
      return ticks;
    }
    double step = Double.isNaN(tickStep) ? niceStep((max - min) / 5) : tickStep;
    double first = Math.ceil(min / step - 1e-9) * step;
    for (double t = first; t <= max + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return ticks;
  }

  /** Minor grid lines of a log axis (2..9 times each power of ten); empty on a linear axis. */
  public List<Double> minorTicks() {
    List<Double> minor = new ArrayList<>();
    if (scale != Scale.LOG10) {
      return minor;
    }
    for (double e = Math.floor(Math.log10(min)); e <= Math.log10(max); e++) {
      for (int m = 2; m < 10; m++) {
        double v = m * Math.pow(10, e);
        if (v > min && v < max) {
          minor.add(v);
        }
      }
    }
    return minor;
  }

  /** A tick label: thousands separated on a log axis, just enough decimals on a linear one. */
  public String tickLabel(double value) {
    if (scale == Scale.LOG10) {
      if (value >= 1) {
        return String.format(Locale.ROOT, "%,.0f", value);
      }
      return value >= 1e-6
          ? new BigDecimal(value).round(new MathContext(1)).stripTrailingZeros().toPlainString()
          : String.format(Locale.ROOT, "%.0e", value);
    }
    double step = Double.isNaN(tickStep) ? niceStep((max - min) / 5) : tickStep;
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
  }

  /** 1, 2 or 5 times a power of ten, the smallest such at least {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0) || !Double.isFinite(rough)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= rough * (1 - 1e-9)) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
