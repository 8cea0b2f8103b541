package io.latentwire.trainer.report.chart;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * One named set of points of an {@link XyChart}.
 *
 * @param name legend text, non-null; an empty name keeps the series out of the legend
 * @param colour line and marker colour, non-null
 * @param line whether consecutive points are joined (in the order given; a point whose x or y the
 *     axes cannot show breaks the line)
 * @param marker the shape drawn at each point, or {@link Marker#NONE}
 * @param points the data, non-null, copied
 */
public record Series(String name, Color colour, boolean line, Marker marker, List<Point> points) {

  /** Marker shapes. */
  public enum Marker {
    NONE,
    CIRCLE,
    SQUARE,
    DIAMOND
  }

  /**
   * One point.
   *
   * @param x horizontal value
   * @param y vertical value; {@code +Infinity} is drawn in the y axis' infinity band if it has one
   * @param label text drawn beside the point, or null for none
   * @param emphasised drawn larger, with an outline (e.g. the default of several choices)
   */
  public record Point(double x, double y, String label, boolean emphasised) {
    /** A plain, unlabelled point. */
    public static Point of(double x, double y) {
      return new Point(x, y, null, false);
    }
  }

  public Series {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(marker, "marker");
    points = List.copyOf(points);
  }

  /** A line through {@code points}, without markers. */
  public static Series line(String name, Color colour, List<Point> points) {
    return new Series(name, colour, true, Marker.NONE, points);
  }

  /** Markers at {@code points}, not joined. */
  public static Series scatter(String name, Color colour, Marker marker, List<Point> points) {
    return new Series(name, colour, false, marker, points);
  }

  /** A line through {@code points} with a marker at each. */
  public static Series lineWithMarkers(
      String name, Color colour, Marker marker, List<Point> points) {
    return new Series(name, colour, true, marker, points);
  }

  /** Every x value, for fitting an axis. */
  public double[] xs() {
    return points.stream().mapToDouble(Point::x).toArray();
  }

  /** Every y value, for fitting an axis. */
  public double[] ys() {
    return points.stream().mapToDouble(Point::y).toArray();
  }
}
