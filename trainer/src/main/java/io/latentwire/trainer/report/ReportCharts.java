package io.latentwire.trainer.report;

import io.latentwire.codec.mapping.FeatureKind;
import io.latentwire.codec.model.Manifest;
import io.latentwire.trainer.rd.ImageShape;
import io.latentwire.trainer.report.chart.Axis;
import io.latentwire.trainer.report.chart.HeatMap;
import io.latentwire.trainer.report.chart.ImageGrid;
import io.latentwire.trainer.report.chart.Palette;
import io.latentwire.trainer.report.chart.Series;
import io.latentwire.trainer.report.chart.XyChart;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/** The report's figures, each built from the report's data alone. */
final class ReportCharts {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  /** Images shown in the originals-over-reconstructions grid, and per grid row. */
  static final int GRID_IMAGES = 16;

  static final int GRID_COLUMNS = 8;

  private ReportCharts() {}

  /** Train and validation MSE per value against epoch, log scale. */
  static BufferedImage loss(List<EpochRow> history) {
    List<Series.Point> train = new ArrayList<>();
    List<Series.Point> val = new ArrayList<>();
    for (EpochRow r : history) {
      train.add(Series.Point.of(r.epoch(), r.trainMse()));
      val.add(Series.Point.of(r.epoch(), r.validationMse()));
    }
    Series t = Series.lineWithMarkers("train", Palette.BLUE, Series.Marker.CIRCLE, train);
    Series v = Series.lineWithMarkers("validation", Palette.ORANGE, Series.Marker.CIRCLE, val);
    Axis y =
        Axis.fitting(
            "MSE per value (normalised units, log scale)",
            Axis.Scale.LOG10,
            DoubleStream.concat(DoubleStream.of(t.ys()), DoubleStream.of(v.ys())).toArray());
    return new XyChart("Loss per epoch", epochAxis(history), y, List.of(t, v))
        .render(WIDTH, HEIGHT);
  }

  /** Validation PSNR against epoch. */
  static BufferedImage psnr(List<EpochRow> history) {
    List<Series.Point> pts = new ArrayList<>();
    for (EpochRow r : history) {
      pts.add(Series.Point.of(r.epoch(), r.validationPsnrDb()));
    }
    Series s = Series.lineWithMarkers("validation PSNR", Palette.GREEN, Series.Marker.CIRCLE, pts);
    Axis y = Axis.fitting("PSNR dB (normalised units)", Axis.Scale.LINEAR, s.ys());
    return new XyChart("Validation PSNR per epoch", epochAxis(history), y, List.of(s))
        .render(WIDTH, HEIGHT);
  }

  private static Axis epochAxis(List<EpochRow> history) {
    double[] epochs = history.stream().mapToDouble(EpochRow::epoch).toArray();
    Axis x = Axis.fitting("epoch", Axis.Scale.LINEAR, epochs);
    return history.size() <= 12 ? x.withTickStep(1) : x;
  }

  /** Bytes per record against PSNR for every point of the ladder; the default point stands out. */
  static BufferedImage ladder(List<LadderRow> ladder) {
    List<Series.Point> all = new ArrayList<>();
    List<Series.Point> chosen = new ArrayList<>();
    boolean infinite = false;
    for (LadderRow p : ladder) {
      all.add(new Series.Point(p.bytesPerRecord(), p.psnrDb(), p.name(), false));
      if (p.isDefault()) {
        chosen.add(new Series.Point(p.bytesPerRecord(), p.psnrDb(), null, true));
      }
      infinite |= p.psnrDb() == Double.POSITIVE_INFINITY;
    }
    Series line =
        Series.lineWithMarkers("operating points", Palette.BLUE, Series.Marker.CIRCLE, all);
    Series def = Series.scatter("default", Palette.RED, Series.Marker.DIAMOND, chosen);
    Axis x =
        Axis.fitting(
            "mean payload bytes per record (log scale), validation rows",
            Axis.Scale.LOG10,
            line.xs());
    Axis y = Axis.fitting("PSNR dB", Axis.Scale.LINEAR, line.ys());
    if (infinite) {
      y = y.withInfinityBand("lossless");
    }
    return new XyChart("Quality ladder: rate against distortion", x, y, List.of(line, def))
        .render(WIDTH, HEIGHT + 60);
  }

  /** RMSE and max abs error of each feature, as a percentage of the feature's range. */
  static BufferedImage featureErrors(FeatureErrors e) {
    List<Series.Point> rmse = new ArrayList<>();
    List<Series.Point> max = new ArrayList<>();
    for (int f = 0; f < e.rmse().length; f++) {
      rmse.add(Series.Point.of(f, e.rmsePercentOfRange(f)));
      max.add(Series.Point.of(f, 100 * e.maxAbs()[f] / e.range()[f]));
    }
    Series.Marker marker = e.rmse().length <= 64 ? Series.Marker.CIRCLE : Series.Marker.NONE;
    Series r = new Series("RMSE", Palette.BLUE, true, marker, rmse);
    Series m = new Series("max abs error", Palette.ORANGE, true, marker, max);
    Axis x = Axis.fitting("feature index", Axis.Scale.LINEAR, 0, Math.max(1, e.rmse().length - 1));
    Axis y =
        Axis.fitting(
                "error, % of the feature's range",
                Axis.Scale.LINEAR,
                DoubleStream.concat(DoubleStream.of(r.ys()), DoubleStream.of(m.ys())).toArray())
            .includingZero();
    return new XyChart(
            "Per-feature error at operating point " + e.operatingPoint(), x, y, List.of(r, m))
        .render(WIDTH, HEIGHT);
  }

  /** Per-pixel RMSE (raw units, channels averaged) in the image's shape. */
  static BufferedImage errorMap(FeatureErrors e, ImageShape shape) {
    double[] cells = new double[shape.height() * shape.width()];
    for (int p = 0; p < cells.length; p++) {
      double sum = 0;
      for (int c = 0; c < shape.channels(); c++) {
        sum += e.rmse()[p * shape.channels() + c];
      }
      cells[p] = sum / shape.channels();
    }
    int cell = Math.max(2, Math.min(16, 448 / Math.max(shape.height(), shape.width())));
    return new HeatMap("Per-pixel RMSE (raw units)", cells, shape.height(), shape.width(), "RMSE")
        .render(shape.width() * cell + 160, shape.height() * cell + 50);
  }

  /** Originals over their reconstructions, {@link #GRID_COLUMNS} per row. */
  static BufferedImage samples(
      ValidationSample sample, FeatureErrors e, ImageShape shape, Manifest m) {
    int n = Math.min(GRID_IMAGES, sample.rows());
    double lo;
    double hi;
    if (m.mapping().featureKinds().stream().allMatch(k -> k == FeatureKind.UINT8)) {
      lo = 0;
      hi = 255;
    } else {
      lo = Double.POSITIVE_INFINITY;
      hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n * sample.width(); i++) {
        lo = Math.min(lo, sample.rawRows()[i]);
        hi = Math.max(hi, sample.rawRows()[i]);
      }
    }
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int start = 0; start < n; start += GRID_COLUMNS) {
      List<BufferedImage> orig = new ArrayList<>();
      List<BufferedImage> back = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + GRID_COLUMNS); i++) {
        int off = i * sample.width();
        orig.add(
            ImageGrid.tile(
                sample.rawRows(), off, shape.height(), shape.width(), shape.channels(), lo, hi));
        back.add(
            ImageGrid.tile(
                e.reconstructed(), off, shape.height(), shape.width(), shape.channels(), lo, hi));
      }
      rows.add(new ImageGrid.Row("original", orig));
      rows.add(new ImageGrid.Row("decoded", back));
    }
    int zoom = Math.max(1, 96 / Math.max(shape.height(), shape.width()));
    return new ImageGrid(
            "Originals over reconstructions, operating point " + e.operatingPoint(), rows, zoom)
        .render();
  }
}
