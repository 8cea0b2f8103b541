package io.latentwire.ops.replay;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr: a bar, percent, offsets done of the total, records decoded, rate and
 * ETA. On a terminal it redraws one line in place (at most 10 times a second); otherwise (a log
 * file, CI) it prints a new line every few seconds, so logs stay readable. Progress is counted in
 * offsets, since the total is only known in offsets (transaction markers take offsets too); the
 * record count is shown beside it. Not thread-safe.
 */
public final class ProgressBar {
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final boolean interactive;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final long startNanos;
  private long lastDrawNanos = Long.MIN_VALUE;
  private int lastLength;

  /**
   * @param out where to draw (stderr); not closed
   * @param interactive true for a terminal (redraw in place), false for a log
   * @param clock nanosecond clock ({@code System::nanoTime} outside tests)
   */
  public ProgressBar(PrintWriter out, boolean interactive, LongSupplier clock) {
    this.out = out;
    this.interactive = interactive;
    this.intervalNanos = interactive ? 100_000_000L : 5_000_000_000L;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
  }

  /** A bar that draws nothing (for {@code --no-progress}). */
  public static ProgressBar silent() {
    return new ProgressBar(null, false, System::nanoTime);
  }

  /** Redraws if enough time passed since the last draw. */
  public void update(long offsetsDone, long offsetsTotal, long records) {
    long now = clock.getAsLong();
    if (out == null || (lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < intervalNanos)) {
      return;
    }
    draw(now, offsetsDone, offsetsTotal, records, false);
  }

  /** Draws the final state and ends the line. */
  public void finish(long offsetsDone, long offsetsTotal, long records) {
    if (out != null) {
      draw(clock.getAsLong(), offsetsDone, offsetsTotal, records, true);
    }
  }

  private void draw(long now, long done, long total, long records, boolean last) {
    lastDrawNanos = now;
    String line = render(done, total, records, (now - startNanos) / 1e9);
    if (interactive) {
      int pad = Math.max(0, lastLength - line.length());
      out.print("\r" + line + " ".repeat(pad));
      lastLength = line.length();
      if (last) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** The progress line for a state (pure; tested directly). */
  static String render(long done, long total, long records, double elapsedSeconds) {
    double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    double rate = elapsedSeconds > 0 ? records / elapsedSeconds : 0;
    double offsetRate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    String eta =
        fraction >= 1
            ? "0:00:00"
            : offsetRate > 0 ? clock((total - done) / offsetRate) : "--:--:--";
    return String.format(
        Locale.ROOT,
        "replay [%s%s] %5.1f%% %d/%d offsets, %d records, %s rec/s, ETA %s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100 * fraction,
        done,
        total,
        records,
        human(rate),
        eta);
  }

  private static String human(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
