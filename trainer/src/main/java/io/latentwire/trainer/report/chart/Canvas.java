package io.latentwire.trainer.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/** A white off-screen image with anti-aliased drawing, the starting point of every figure. */
public final class Canvas {
  /** Font of titles. */
  public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

  /** Font of labels, ticks and legends. */
  public static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private Canvas() {}

  /**
   * Draws on a fresh {@code width x height} RGB image filled white; the graphics context is
   * disposed afterwards.
   *
   * @param painter draws on the context it is given; must not keep it
   * @return the image
   */
  public static BufferedImage paint(int width, int height, Consumer<Graphics2D> painter) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "image size must be at least 1 x 1, got " + width + " x " + height);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(TEXT);
      painter.accept(g);
    } finally {
      g.dispose();
    }
    return img;
  }
}
