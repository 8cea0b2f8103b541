package io.latentwire.trainer.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A chart of series against two axes: grid, ticks, axis labels, title, a legend on the right, and
 * an optional band above the plot for {@code +Infinity} y values (see {@link
 * Axis#withInfinityBand}). Immutable; {@link #render} draws it.
 *
 * @param title drawn above the plot, non-null (may be empty)
 * @param x horizontal axis
 * @param y vertical axis
 * @param series drawn in order (later ones on top), copied
 */
public record XyChart(String title, Axis x, Axis y, List<Series> series) {
  private static final int LEFT = 72;
  private static final int TOP = 48;
  private static final int BOTTOM = 52;
  private static final int BAND = 26;
  private static final Color GRID = new Color(0xe6e6e6);
  private static final Color MINOR_GRID = new Color(0xf2f2f2);

  public XyChart {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    series = List.copyOf(series);
  }

  /** Draws the chart on a fresh {@code width x height} image. */
  public BufferedImage render(int width, int height) {
    return Canvas.paint(width, height, g -> new Layout(g, width, height).paint());
  }

  /** Pixel geometry of one rendering. */
  private final class Layout {
    private final Graphics2D g;
    private final int width;
    private final int height;
    private final int top;
    private final int plotW;
    private final int plotH;

    Layout(Graphics2D g, int width, int height) {
      this.g = g;
      this.width = width;
      this.height = height;
      this.top = TOP + (y.infinityLabel() == null ? 0 : BAND);
      this.plotW = Math.max(10, width - LEFT - legendWidth() - 24);
      this.plotH = Math.max(10, height - top - BOTTOM);
    }

    void paint() {
      g.setFont(Canvas.TITLE);
      g.drawString(title, LEFT, 24);
      g.setFont(Canvas.TEXT);
      grid();
      frameAndTicks();
      for (Series s : series) {
        draw(s);
      }
      legend();
    }

    private int legendWidth() {
      FontMetrics fm = g.getFontMetrics(Canvas.TEXT);
      int w = 0;
      for (Series s : series) {
        if (!s.name().isEmpty()) {
          w = Math.max(w, fm.stringWidth(s.name()) + 40);
        }
      }
      return w;
    }

    private double px(double v) {
      return LEFT + x.fraction(v) * plotW;
    }

    private double py(double v) {
      if (v == Double.POSITIVE_INFINITY && y.infinityLabel() != null) {
        return top - BAND / 2.0 - 4;
      }
      return top + plotH - y.fraction(v) * plotH;
    }

    private boolean visible(Series.Point p) {
      return !Double.isNaN(px(p.x())) && !Double.isNaN(py(p.y()));
    }

    private void grid() {
      g.setColor(MINOR_GRID);
      for (double t : x.minorTicks()) {
        int p = (int) Math.round(px(t));
        g.drawLine(p, top, p, top + plotH);
      }
      for (double t : y.minorTicks()) {
        int p = (int) Math.round(py(t));
        g.drawLine(LEFT, p, LEFT + plotW, p);
      }
      g.setColor(GRID);
      for (double t : x.ticks()) {
        int p = (int) Math.round(px(t));
        g.drawLine(p, top, p, top + plotH);
      }
      for (double t : y.ticks()) {
        int p = (int) Math.round(py(t));
        g.drawLine(LEFT, p, LEFT + plotW, p);
      }
      if (y.infinityLabel() != null) {
        g.drawLine(LEFT, top - BAND + 4, LEFT + plotW, top - BAND + 4);
      }
    }

    private void frameAndTicks() {
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, top, plotW, plotH);
      FontMetrics fm = g.getFontMetrics();
      for (double t : x.ticks()) {
        int p = (int) Math.round(px(t));
        String s = x.tickLabel(t);
        g.drawLine(p, top + plotH, p, top + plotH + 4);
        g.drawString(s, p - fm.stringWidth(s) / 2, top + plotH + 18);
      }
      for (double t : y.ticks()) {
        int p = (int) Math.round(py(t));
        String s = y.tickLabel(t);
        g.drawLine(LEFT - 4, p, LEFT, p);
        g.drawString(s, LEFT - 8 - fm.stringWidth(s), p + 4);
      }
      if (y.infinityLabel() != null) {
        String s = y.infinityLabel();
        g.drawString(s, LEFT - 8 - fm.stringWidth(s), (int) py(Double.POSITIVE_INFINITY) + 4);
      }
      g.drawString(x.label(), LEFT + (plotW - fm.stringWidth(x.label())) / 2, height - 14);
      Graphics2D r = (Graphics2D) g.create();
      try {
        r.rotate(-Math.PI / 2);
        r.drawString(y.label(), -(top + (plotH + fm.stringWidth(y.label())) / 2), 16);
      } finally {
        r.dispose();
      }
    }

    private void draw(Series s) {
      Graphics2D c = (Graphics2D) g.create();
      try {
        // One text line above the plot (and its band) stays drawable: the label of a point at the
        // top edge, or in the band, is written above the point.
        int band = y.infinityLabel() == null ? 0 : BAND;
        int label = g.getFontMetrics().getHeight();
        c.clipRect(0, top - band - label, width, plotH + BAND + label + 2);
        c.setColor(s.colour());
        if (s.line()) {
          c.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
          Path2D.Double path = new Path2D.Double();
          boolean pen = false;
          for (Series.Point p : s.points()) {
            // An infinite value in the band is a marker, not part of a line.
            if (!visible(p) || Double.isInfinite(p.y())) {
              pen = false;
              continue;
            }
            if (pen) {
              path.lineTo(px(p.x()), py(p.y()));
            } else {
              path.moveTo(px(p.x()), py(p.y()));
              pen = true;
            }
          }
          c.draw(path);
        }
        // Neighbouring labels (a ladder's points sit close together) alternate above and below.
        int labelled = 0;
        for (Series.Point p : s.points()) {
          if (visible(p)) {
            boolean below = p.label() != null && labelled++ % 2 == 1;
            marker(c, s, p, below);
          }
        }
      } finally {
        c.dispose();
      }
    }

    private void marker(Graphics2D c, Series s, Series.Point p, boolean labelBelow) {
      int cx = (int) Math.round(px(p.x()));
      int cy = (int) Math.round(py(p.y()));
      int size = p.emphasised() ? 14 : 8;
      if (s.marker() != Series.Marker.NONE) {
        java.awt.Shape shape = shape(s.marker(), cx, cy, size);
        c.setColor(s.colour());
        c.fill(shape);
        if (p.emphasised()) {
          Stroke old = c.getStroke();
          c.setStroke(new BasicStroke(2f));
          c.setColor(Color.BLACK);
          c.draw(shape);
          c.setStroke(old);
        }
      }
      if (p.label() != null && !p.label().isEmpty()) {
        c.setColor(Color.DARK_GRAY);
        c.drawString(p.label(), cx + size / 2 + 4, labelBelow ? cy + 15 : cy - 5);
      }
    }

    private java.awt.Shape shape(Series.Marker m, int cx, int cy, int size) {
      double h = size / 2.0;
      return switch (m) {
        case SQUARE -> new java.awt.geom.Rectangle2D.Double(cx - h, cy - h, size, size);
        case DIAMOND -> {
          Path2D.Double d = new Path2D.Double();
          d.moveTo(cx, cy - h - 1);
          d.lineTo(cx + h + 1, cy);
          d.lineTo(cx, cy + h + 1);
          d.lineTo(cx - h - 1, cy);
          d.closePath();
          yield d;
        }
        default -> new java.awt.geom.Ellipse2D.Double(cx - h, cy - h, size, size);
      };
    }

    private void legend() {
      int lx = LEFT + plotW + 18;
      int ly = top + 14;
      for (Series s : series) {
        if (s.name().isEmpty()) {
          continue;
        }
        g.setColor(s.colour());
        if (s.line()) {
          g.setStroke(new BasicStroke(2f));
          g.drawLine(lx, ly - 4, lx + 18, ly - 4);
          g.setStroke(new BasicStroke(1f));
        }
        if (s.marker() != Series.Marker.NONE) {
          g.fill(shape(s.marker(), lx + 9, ly - 4, 8));
        }
        g.setColor(Color.BLACK);
        g.drawString(s.name(), lx + 24, ly);
        ly += 20;
      }
    }
  }
}
