package io.latentwire.trainer.report.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes images as PNG files. */
public final class Png {
  private Png() {}

  /**
   * Writes {@code image} to {@code file}, creating its directory.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static void write(BufferedImage image, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("this JVM has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the PNG " + file + ": " + e.getMessage(), e);
    }
  }
}
