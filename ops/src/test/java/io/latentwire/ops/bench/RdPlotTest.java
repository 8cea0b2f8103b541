package io.latentwire.ops.bench;

import static io.latentwire.ops.bench.ReportsTest.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.trainer.report.chart.Axis;
import io.latentwire.trainer.report.chart.Palette;
import io.latentwire.trainer.report.chart.Series;
import io.latentwire.trainer.report.chart.XyChart;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdPlotTest {
  static final List<RdRow> ROWS =
      List.of(
          row("d", "uint8 + zstd", "level 3", 475, Double.POSITIVE_INFINITY),
          row("d", "uint8 + zstd", "level 19", 460, Double.POSITIVE_INFINITY),
          row("d", "PCA", "16 coefficients × 8 bit, fit on train", 16, 17.2),
          row("d", "PCA", "32 coefficients × 8 bit, fit on train", 32, 21.9),
          row("d", "learned mlp 784→32", "model ab, step 0.1", 20, 19.5),
          row("d", "learned mlp 784→32", "model ab, step 0.05", 24, 23.1));

  @TempDir Path dir;

  private static long pixelsOf(BufferedImage img, Color c, int fromY, int toY) {
    long n = 0;
    for (int y = fromY; y < toY; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void shouldPutBytesOnALogAxisAndPsnrOnFiveDecibelTicksWithALosslessBand() {
    XyChart c = RdPlot.chart("t", ROWS);
    assertThat(c.x().scale()).isEqualTo(Axis.Scale.LOG10);
    assertThat(c.x().min()).isEqualTo(10.0);
    assertThat(c.x().max()).isEqualTo(1000.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(c.y().ticks()).containsExactly(15.0, 20.0, 25.0);
    assertThat(c.y().infinityLabel()).isEqualTo("lossless");
  }

  @Test
  void shouldDrawOneSeriesPerCodecWithLearnedCodecsAsRedDiamonds() {
    List<Series> s = RdPlot.chart("t", ROWS).series();
    assertThat(s)
        .extracting(Series::name)
        .containsExactly("uint8 + zstd", "PCA", "learned mlp 784→32");
    assertThat(s.get(2).marker()).isEqualTo(Series.Marker.DIAMOND);
    assertThat(s.get(2).colour()).isEqualTo(Palette.RED);
    assertThat(s.get(0).marker()).isEqualTo(Series.Marker.CIRCLE);
    assertThat(s.subList(0, 2)).extracting(Series::colour).doesNotContain(Palette.RED);
    assertThat(s.get(0).points()).extracting(Series.Point::label).containsExactly("L3", "L19");
    assertThat(s.get(1).points()).extracting(Series.Point::label).containsExactly("16", "32");
    assertThat(s.get(2).points()).extracting(Series.Point::label).containsOnlyNulls();
  }

  @Test
  void shouldDrawLosslessRowsAboveThePlotAndLearnedRowsInside() {
    BufferedImage img = RdPlot.draw("t", ROWS);
    assertThat(img.getWidth()).isEqualTo(RdPlot.WIDTH);
    assertThat(img.getHeight()).isEqualTo(RdPlot.HEIGHT);
    // The band sits between the title and the plot frame, in the top eighth of the image.
    int bandEnd = RdPlot.HEIGHT / 8;
    Color zstd = RdPlot.chart("t", ROWS).series().get(0).colour();
    assertThat(pixelsOf(img, zstd, 30, bandEnd)).isGreaterThan(20);
    assertThat(pixelsOf(img, Palette.RED, bandEnd, RdPlot.HEIGHT)).isGreaterThan(40);
  }

  @Test
  void shouldKeepAZeroByteRowOnThePlotsLeftEdge() {
    XyChart c = RdPlot.chart("t", List.of(row("d", "x", "a", 0, 10), row("d", "x", "b", 50, 20)));
    assertThat(c.series().get(0).points().get(0).x()).isEqualTo(c.x().min());
  }

  @Test
  void shouldWriteAPngAndNameTheFileWhenItCannotBeWritten() throws Exception {
    Path png = dir.resolve("sub/rd.png");
    RdPlot.write(png, "t", ROWS);
    assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(RdPlot.WIDTH);
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    assertThatThrownBy(() -> RdPlot.write(blocker.resolve("rd.png"), "t", ROWS))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("rd.png");
  }
}
