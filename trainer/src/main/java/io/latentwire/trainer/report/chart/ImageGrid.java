package io.latentwire.trainer.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Rows of equally sized image tiles, each row with a label on its left, tiles enlarged by a whole
 * factor with nearest-neighbour scaling so pixels stay sharp.
 *
 * @param title drawn above, non-null
 * @param rows the rows, top to bottom, copied; every tile the same size
 * @param zoom whole enlargement factor, at least 1
 */
public record ImageGrid(String title, List<Row> rows, int zoom) {
  private static final int GAP = 4;
  private static final int TOP = 34;

  /**
   * One row of tiles.
   *
   * @param label drawn left of the row, non-null
   * @param tiles the images, copied
   */
  public record Row(String label, List<BufferedImage> tiles) {
    public Row {
      Objects.requireNonNull(label, "label");
      tiles = List.copyOf(tiles);
    }
  }

  public ImageGrid {
    Objects.requireNonNull(title, "title");
    rows = List.copyOf(rows);
    if (rows.isEmpty() || rows.get(0).tiles().isEmpty()) {
      throw new IllegalArgumentException("an image grid needs at least one row with one tile");
    }
    if (zoom < 1) {
      throw new IllegalArgumentException("zoom must be >= 1, got " + zoom);
    }
  }

  /**
   * A tile from values laid out row-major with the channel last (interleaved pixels), mapped from
   * {@code [lo, hi]} to black..white (grey for 1 channel, RGB from the first 3 channels otherwise).
   *
   * @param values the values, not kept
   * @param offset index of the tile's first value in {@code values}
   */
  public static BufferedImage tile(
      float[] values, int offset, int height, int width, int channels, double lo, double hi) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    double span = hi > lo ? hi - lo : 1;
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        int base = offset + (r * width + c) * channels;
        int red = level(values[base], lo, span);
        int green = channels >= 3 ? level(values[base + 1], lo, span) : red;
        int blue = channels >= 3 ? level(values[base + 2], lo, span) : red;
        img.setRGB(c, r, (red << 16) | (green << 8) | blue);
      }
    }
    return img;
  }

  private static int level(float v, double lo, double span) {
    return (int) Math.round(Math.max(0, Math.min(1, (v - lo) / span)) * 255);
  }

  /** The pixel width the grid needs. */
  public int width() {
    int cols = rows.stream().mapToInt(r -> r.tiles().size()).max().orElse(1);
    return labelWidth() + cols * (tileW() * zoom + GAP) + GAP;
  }

  /** The pixel height the grid needs. */
  public int height() {
    return TOP + rows.size() * (tileH() * zoom + GAP) + GAP;
  }

  /** Draws the grid at its natural size ({@link #width()} x {@link #height()}). */
  public BufferedImage render() {
    return Canvas.paint(width(), height(), this::paint);
  }

  private int tileW() {
    return rows.get(0).tiles().get(0).getWidth();
  }

  private int tileH() {
    return rows.get(0).tiles().get(0).getHeight();
  }

  private int labelWidth() {
    int longest = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
    return 16 + longest * 7;
  }

  private void paint(Graphics2D g) {
    g.setFont(Canvas.TITLE);
    g.drawString(title, 8, 22);
    g.setFont(Canvas.TEXT);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    FontMetrics fm = g.getFontMetrics();
    int y = TOP;
    for (Row row : rows) {
      g.setColor(Color.BLACK);
      g.drawString(row.label(), 8, y + (tileH() * zoom + fm.getAscent()) / 2);
      int x = labelWidth();
      for (BufferedImage t : row.tiles()) {
        g.drawImage(t, x, y, tileW() * zoom, tileH() * zoom, null);
        x += tileW() * zoom + GAP;
      }
      y += tileH() * zoom + GAP;
    }
  }
}
