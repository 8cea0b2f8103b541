package io.latentwire.ops.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws bytes per record (log scale) against PSNR as a PNG, one colour per codec family, drawn
 * off-screen with {@link BufferedImage} (no display needed). Lossless rows, whose PSNR is infinite,
 * sit in a band above the plot.
 */
public final class RdPlot {
  static final int WIDTH = 960;
  static final int HEIGHT = 600;
  private static final int LEFT = 70;
  private static final int RIGHT = 250;
  private static final int TOP = 70;
  private static final int BOTTOM = 60;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };
  private static final Color LEARNED = new Color(0xd62728);

  private RdPlot() {}

  /** Writes the plot of {@code rows} (one data set) to {@code file}. */
  public static void write(Path file, String title, List<RdRow> rows) {
    BufferedImage img = draw(title, rows);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(img, "png", file.toFile())) {
        throw new BenchException("no PNG writer available to write " + file);
      }
    } catch (IOException e) {
      throw new BenchException("cannot write " + file + ": " + e, e);
    }
  }

  static BufferedImage draw(String title, List<RdRow> rows) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      new Canvas(g, rows).paint(title);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** One drawing: axes scaled to the rows. */
  private static final class Canvas {
    private final Graphics2D g;
    private final List<RdRow> rows;
    private final int plotW = WIDTH - LEFT - RIGHT;
    private final int plotH = HEIGHT - TOP - BOTTOM;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    Canvas(Graphics2D g, List<RdRow> rows) {
      this.g = g;
      this.rows = rows;
      double bMin = Double.POSITIVE_INFINITY;
      double bMax = 1;
      double pMin = Double.POSITIVE_INFINITY;
      double pMax = Double.NEGATIVE_INFINITY;
      for (RdRow r : rows) {
        if (r.bytesPerRecord() > 0) {
          bMin = Math.min(bMin, r.bytesPerRecord());
          bMax = Math.max(bMax, r.bytesPerRecord());
        }
        if (Double.isFinite(r.psnrDb())) {
          pMin = Math.min(pMin, r.psnrDb());
          pMax = Math.max(pMax, r.psnrDb());
        }
      }
      if (!Double.isFinite(bMin)) {
        bMin = 1;
      }
      if (!Double.isFinite(pMin)) {
        pMin = 0;
        pMax = 10;
      }
      xMin = Math.floor(Math.log10(bMin));
      xMax = Math.max(xMin + 1, Math.ceil(Math.log10(bMax)));
      yMin = Math.floor(pMin / 5) * 5;
      yMax = Math.max(yMin + 5, Math.ceil(pMax / 5) * 5);
    }

    void paint(String title) {
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(title, LEFT, 28);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      axes();
      Map<String, Color> families = colours();
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (RdRow r : rows) {
        // Rows of one family often sit close together (zstd levels): alternate label sides.
        int nth = seen.merge(r.codec(), 1, Integer::sum);
        point(r, families.get(r.codec()), nth % 2 == 0);
      }
      legend(families);
    }

    private Map<String, Color> colours() {
      Map<String, Color> m = new LinkedHashMap<>();
      int next = 0;
      for (RdRow r : rows) {
        if (!m.containsKey(r.codec())) {
          m.put(
              r.codec(),
              r.kind() == CodecUnderTest.Kind.LEARNED ? LEARNED : PALETTE[next++ % PALETTE.length]);
        }
      }
      return m;
    }

    private int x(double bytes) {
      double t = (Math.log10(Math.max(bytes, Math.pow(10, xMin))) - xMin) / (xMax - xMin);
      return LEFT + (int) Math.round(t * plotW);
    }

    private int y(double psnr) {
      if (Double.isInfinite(psnr)) {
        return TOP - 22;
      }
      return TOP + plotH - (int) Math.round((psnr - yMin) / (yMax - yMin) * plotH);
    }

    private void axes() {
      g.setColor(new Color(0xeeeeee));
      for (double e = xMin; e <= xMax; e++) {
        for (int m = 1; m < 10 && e + Math.log10(m) <= xMax; m++) {
          int px = x(m * Math.pow(10, e));
          g.drawLine(px, TOP, px, TOP + plotH);
        }
      }
      for (double p = yMin; p <= yMax; p += 5) {
        g.drawLine(LEFT, y(p), LEFT + plotW, y(p));
      }
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, TOP, plotW, plotH);
      FontMetrics fm = g.getFontMetrics();
      for (double e = xMin; e <= xMax; e++) {
        String label = String.format(Locale.ROOT, "%,.0f", Math.pow(10, e));
        int px = x(Math.pow(10, e));
        g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
        g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + 20);
      }
      for (double p = yMin; p <= yMax; p += 5) {
        String label = String.format(Locale.ROOT, "%.0f", p);
        g.drawLine(LEFT - 5, y(p), LEFT, y(p));
        g.drawString(label, LEFT - 10 - fm.stringWidth(label), y(p) + 4);
      }
      String lossless = "lossless";
      g.drawString(lossless, LEFT - 10 - fm.stringWidth(lossless), y(Double.POSITIVE_INFINITY) + 4);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, TOP - 10, LEFT + plotW, TOP - 10);
      g.setColor(Color.BLACK);
      String xl = "bytes per record (log scale), each record compressed alone";
      g.drawString(xl, LEFT + (plotW - fm.stringWidth(xl)) / 2, HEIGHT - 18);
      Graphics2D r = (Graphics2D) g.create();
      r.rotate(-Math.PI / 2);
      String yl = "PSNR dB";
      r.drawString(yl, -(TOP + (plotH + fm.stringWidth(yl)) / 2), 24);
      r.dispose();
    }

    private void point(RdRow r, Color c, boolean labelBelow) {
      int px = x(r.bytesPerRecord());
      int py = y(r.psnrDb());
      boolean learned = r.kind() == CodecUnderTest.Kind.LEARNED;
      int size = learned ? 12 : 9;
      g.setColor(c);
      if (learned) {
        g.fillPolygon(
            new int[] {px, px + size / 2, px, px - size / 2},
            new int[] {py - size / 2, py, py + size / 2, py},
            4);
      } else {
        g.fillOval(px - size / 2, py - size / 2, size, size);
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(shortLabel(r), px + 7, labelBelow ? py + 15 : py - 5);
    }

    private void legend(Map<String, Color> families) {
      int lx = LEFT + plotW + 20;
      int ly = TOP + 10;
      g.setStroke(new BasicStroke(1f));
      for (Map.Entry<String, Color> e : families.entrySet()) {
        g.setColor(e.getValue());
        g.fillOval(lx, ly - 9, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(e.getKey(), lx + 16, ly);
        ly += 20;
      }
    }
  }

  /** {@code L3} for a zstd level, {@code 16} for PCA coefficients, else the first parameter. */
  static String shortLabel(RdRow r) {
    String p = r.params();
    if (p.startsWith("level ")) {
      return "L" + p.substring(6).split("[ ,]")[0];
    }
    List<String> parts = new ArrayList<>(List.of(p.split(",")));
    String first = parts.isEmpty() ? "" : parts.get(0).trim();
    if (r.codec().equals("PCA")) {
      return first.split(" ")[0];
    }
    return r.kind() == CodecUnderTest.Kind.LEARNED ? "" : first;
  }
}
