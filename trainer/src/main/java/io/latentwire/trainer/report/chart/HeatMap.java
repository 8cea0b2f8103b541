package io.latentwire.trainer.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;

/**
 * A grid of values drawn as coloured cells (dark blue low, yellow high) with a colour bar giving
 * the scale. Non-finite values are drawn grey.
 *
 * @param title drawn above, non-null
 * @param values row-major, {@code rows · cols} of them; not copied, must not change while drawn
 * @param rows grid height, at least 1
 * @param cols grid width, at least 1
 * @param scaleLabel what the colours measure, drawn beside the colour bar, non-null
 */
public record HeatMap(String title, double[] values, int rows, int cols, String scaleLabel) {
  private static final Color[] RAMP = {
    new Color(0x440154),
    new Color(0x3b528b),
    new Color(0x21918c),
    new Color(0x5ec962),
    new Color(0xfde725)
  };

  public HeatMap {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(scaleLabel, "scaleLabel");
    if (rows < 1 || cols < 1 || (long) rows * cols != values.length) {
      throw new IllegalArgumentException(
          "heat map "
              + rows
              + " x "
              + cols
              + " needs "
              + (long) rows * cols
              + " values, got "
              + values.length);
    }
  }

  /** Draws the map, cells square and as large as {@code width x height} allows. */
  public BufferedImage render(int width, int height) {
    return Canvas.paint(width, height, g -> paint(g, width, height));
  }

  private void paint(Graphics2D g, int width, int height) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    g.setFont(Canvas.TITLE);
    g.drawString(title, 12, 22);
    g.setFont(Canvas.TEXT);
    int top = 36;
    int barSpace = 110;
    int cell = Math.max(1, Math.min((width - 24 - barSpace) / cols, (height - top - 12) / rows));
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double v = values[r * cols + c];
        g.setColor(Double.isFinite(v) ? colour(hi > lo ? (v - lo) / (hi - lo) : 0) : Color.GRAY);
        g.fillRect(12 + c * cell, top + r * cell, cell, cell);
      }
    }
    int bx = 12 + cols * cell + 20;
    int bh = rows * cell;
    for (int i = 0; i < bh; i++) {
      g.setColor(colour(1 - (double) i / Math.max(1, bh - 1)));
      g.fillRect(bx, top + i, 14, 1);
    }
    g.setColor(Color.BLACK);
    g.drawRect(bx, top, 14, bh);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(fmt(hi), bx + 20, top + fm.getAscent());
    g.drawString(fmt(lo), bx + 20, top + bh);
    g.drawString(scaleLabel, bx + 20, top + bh / 2 + 4);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** The ramp colour at {@code t} in [0, 1]. */
  static Color colour(double t) {
    double s = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
    int i = Math.min(RAMP.length - 2, (int) Math.floor(s));
    double f = s - i;
    Color a = RAMP[i];
    Color b = RAMP[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }
}
