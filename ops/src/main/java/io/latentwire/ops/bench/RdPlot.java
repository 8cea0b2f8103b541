package io.latentwire.ops.bench;

import io.latentwire.trainer.report.chart.Axis;
import io.latentwire.trainer.report.chart.Palette;
import io.latentwire.trainer.report.chart.Png;
import io.latentwire.trainer.report.chart.Series;
import io.latentwire.trainer.report.chart.XyChart;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws bytes per record (log scale) against PSNR as a PNG with the report's {@link XyChart}: one
 * series per codec family, learned codecs as red diamonds, 5 dB PSNR ticks, and lossless rows,
 * whose PSNR is infinite, in a band above the plot. Off-screen, no display needed.
 */
public final class RdPlot {
  static final int WIDTH = 960;
  static final int HEIGHT = 600;

  private RdPlot() {}

  /**
   * Writes the plot of {@code rows} (one data set) to {@code file}, creating its directory.
   *
   * @throws BenchException naming the file when it cannot be written
   */
  public static void write(Path file, String title, List<RdRow> rows) {
    try {
      Png.write(draw(title, rows), file);
    } catch (UncheckedIOException e) {
      throw new BenchException(e.getMessage(), e);
    }
  }

  static BufferedImage draw(String title, List<RdRow> rows) {
    return chart(title, rows).render(WIDTH, HEIGHT);
  }

  /**
   * The chart of {@code rows}: axes fitted to them, one series per codec in order of appearance.
   */
  static XyChart chart(String title, List<RdRow> rows) {
    Axis x =
        Axis.fitting(
            "bytes per record (log scale), each record compressed alone",
            Axis.Scale.LOG10,
            rows.stream().mapToDouble(RdRow::bytesPerRecord).toArray());
    // Always drawn: its label shows where lossless rows sit even on a data set without one.
    Axis y =
        Axis.linearInSteps("PSNR dB", 5, rows.stream().mapToDouble(RdRow::psnrDb).toArray())
            .withInfinityBand("lossless");
    Map<String, List<RdRow>> byCodec = new LinkedHashMap<>();
    for (RdRow r : rows) {
      byCodec.computeIfAbsent(r.codec(), k -> new ArrayList<>()).add(r);
    }
    List<Series> series = new ArrayList<>();
    int baselines = 0;
    for (Map.Entry<String, List<RdRow>> e : byCodec.entrySet()) {
      boolean learned = e.getValue().get(0).kind() == CodecUnderTest.Kind.LEARNED;
      Color colour = learned ? Palette.RED : Palette.cycleBesideRed(baselines++);
      List<Series.Point> points = new ArrayList<>();
      for (RdRow r : e.getValue()) {
        String label = shortLabel(r);
        // A log axis cannot show 0 bytes; such a row sits on the axis' left edge.
        double bytes = Math.max(r.bytesPerRecord(), x.min());
        points.add(new Series.Point(bytes, r.psnrDb(), label.isEmpty() ? null : label, false));
      }
      Series.Marker marker = learned ? Series.Marker.DIAMOND : Series.Marker.CIRCLE;
      series.add(Series.scatter(e.getKey(), colour, marker, points));
    }
    return new XyChart(title, x, y, series);
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
