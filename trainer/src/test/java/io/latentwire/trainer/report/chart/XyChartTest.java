package io.latentwire.trainer.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XyChartTest {
  @TempDir Path dir;

  private static long pixelsOf(BufferedImage img, Color c) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void shouldDrawEachSeriesInItsColourAndWriteAReadablePng() throws Exception {
    Series a =
        Series.lineWithMarkers(
            "a",
            Palette.BLUE,
            Series.Marker.CIRCLE,
            List.of(Series.Point.of(1, 1), Series.Point.of(2, 4), Series.Point.of(3, 9)));
    Series b =
        Series.scatter(
            "b", Palette.RED, Series.Marker.DIAMOND, List.of(new Series.Point(2, 4, "x", true)));
    XyChart chart =
        new XyChart(
            "t",
            Axis.fitting("x", Axis.Scale.LINEAR, a.xs()),
            Axis.fitting("y", Axis.Scale.LINEAR, a.ys()),
            List.of(a, b));
    BufferedImage img = chart.render(400, 300);
    assertThat(pixelsOf(img, Palette.BLUE)).isGreaterThan(100);
    assertThat(pixelsOf(img, Palette.RED)).isGreaterThan(20);
    Path file = dir.resolve("sub/c.png");
    Png.write(img, file);
    BufferedImage back = ImageIO.read(file.toFile());
    assertThat(back.getWidth()).isEqualTo(400);
    assertThat(back.getHeight()).isEqualTo(300);
  }

  @Test
  void shouldDrawInfiniteValuesInTheBandAboveThePlotOnlyWhenTheAxisHasOne() {
    Series s =
        Series.scatter(
            "",
            Palette.GREEN,
            Series.Marker.SQUARE,
            List.of(Series.Point.of(10, Double.POSITIVE_INFINITY)));
    Axis x = Axis.fitting("bytes", Axis.Scale.LOG10, 1, 100);
    Axis y = Axis.fitting("dB", Axis.Scale.LINEAR, 20, 40);
    BufferedImage without = new XyChart("", x, y, List.of(s)).render(300, 200);
    BufferedImage with =
        new XyChart("", x, y.withInfinityBand("lossless"), List.of(s)).render(300, 200);
    assertThat(pixelsOf(without, Palette.GREEN)).isZero();
    assertThat(pixelsOf(with, Palette.GREEN)).isGreaterThan(20);
  }

  @Test
  void shouldKeepRedAndOrangeOutOfTheCycleBesideRed() {
    for (int i = 0; i < 16; i++) {
      assertThat(Palette.cycleBesideRed(i)).isNotIn(Palette.RED, Palette.ORANGE);
    }
    assertThat(Palette.cycleBesideRed(1)).isNotEqualTo(Palette.cycleBesideRed(0));
  }

  /** Dark (text) pixels in the 20 rows above the first row of {@code marker}'s colour. */
  private static long textAboveMarker(BufferedImage img, Color marker) {
    int top = -1;
    int left = 0;
    for (int y = 0; y < img.getHeight() && top < 0; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (marker.getRGB() & 0xffffff)) {
          top = y;
          left = x;
          break;
        }
      }
    }
    long n = 0;
    for (int y = Math.max(0, top - 20); y < top; y++) {
      for (int x = left; x < Math.min(img.getWidth(), left + 80); x++) {
        int rgb = img.getRGB(x, y);
        if (((rgb >> 16) & 0xff) < 160 && ((rgb >> 8) & 0xff) < 160 && (rgb & 0xff) < 160) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void shouldDrawTheLabelOfAPointInTheInfinityBandAsWholeAsOneInThePlot() {
    Axis x = Axis.fitting("bytes", Axis.Scale.LOG10, 1, 100);
    Axis y = Axis.fitting("dB", Axis.Scale.LINEAR, 20, 40).withInfinityBand("lossless");
    long[] text = new long[2];
    double[] ys = {Double.POSITIVE_INFINITY, 30};
    for (int i = 0; i < 2; i++) {
      Series s =
          Series.scatter(
              "",
              Palette.GREEN,
              Series.Marker.CIRCLE,
              List.of(new Series.Point(10, ys[i], "LABEL", false)));
      text[i] = textAboveMarker(new XyChart("", x, y, List.of(s)).render(300, 200), Palette.GREEN);
    }
    assertThat(text[1]).isGreaterThan(20);
    assertThat(text[0]).isGreaterThanOrEqualTo(text[1] * 9 / 10);
  }

  @Test
  void shouldShowTheHeatMapRampFromLowToHigh() {
    BufferedImage img = new HeatMap("h", new double[] {0, 1, 2, 3}, 2, 2, "v").render(200, 120);
    assertThat(pixelsOf(img, HeatMap.colour(0))).isGreaterThan(0);
    assertThat(pixelsOf(img, HeatMap.colour(1))).isGreaterThan(0);
  }

  @Test
  void shouldEnlargeImageTilesWithoutBlurring() {
    BufferedImage tile = ImageGrid.tile(new float[] {0, 255, 255, 0}, 0, 2, 2, 1, 0, 255);
    ImageGrid grid = new ImageGrid("g", List.of(new ImageGrid.Row("r", List.of(tile))), 10);
    BufferedImage img = grid.render();
    assertThat(img.getWidth()).isEqualTo(grid.width());
    assertThat(pixelsOf(img, Color.BLACK)).isGreaterThanOrEqualTo(200);
    assertThat(tile.getRGB(1, 0) & 0xffffff).isEqualTo(0xffffff);
  }
}
