package io.latentwire.trainer.cli;

import io.latentwire.trainer.nn.BatchProgress;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.rd.RdEpochStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Training progress on stderr: a live bar with ETA, running loss and last validation PSNR when
 * stderr is a terminal, one line per epoch otherwise (logs and CI stay readable).
 */
public final class ProgressBar implements TrainingMonitor {
  private static final int WIDTH = 28;
  private final PrintStream out;
  private final boolean live;
  private double lastValPsnr = Double.NaN;
  private long lastDrawNanos;

  public ProgressBar(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
  }

  /** A bar on stderr, live when there is a console. */
  public static ProgressBar onStderr() {
    return new ProgressBar(System.err, System.console() != null);
  }

  @Override
  public void phase(String description) {
    endLine();
    out.println("» " + description);
  }

  @Override
  public void rowsRead(long rows) {
    if (live) {
      out.print("\r  " + rows + " rows read");
    }
  }

  @Override
  public void onBatch(BatchProgress p) {
    if (!live) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDrawNanos < 100_000_000L && p.batchesDone() != p.batchesPerEpoch()) {
      return;
    }
    lastDrawNanos = now;
    double done =
        ((p.epoch() - 1) + (double) p.batchesDone() / p.batchesPerEpoch()) / p.maxEpochs();
    int filled = (int) Math.round(done * WIDTH);
    long elapsed = p.elapsed().toMillis();
    long eta = done > 0 ? (long) (elapsed / done - elapsed) : 0;
    out.printf(
        Locale.ROOT,
        "\r  epoch %d/%d [%s%s] %3.0f%%  loss %.4g  val PSNR %s  elapsed %s  ETA %s   ",
        p.epoch(),
        p.maxEpochs(),
        "=".repeat(filled),
        " ".repeat(WIDTH - filled),
        done * 100,
        p.runningLoss(),
        psnr(),
        format(Duration.ofMillis(elapsed)),
        format(Duration.ofMillis(eta)));
  }

  @Override
  public void onEpoch(RdEpochStats s) {
    lastValPsnr = s.validationPsnrDb();
    if (live) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "  epoch %d: loss %.4g, val loss %.4g, val PSNR %s (normalized, rounded latent, %.1f"
            + " bits), lr %.3g, %s%n",
        s.epoch(),
        s.trainLoss(),
        s.validationLoss(),
        psnr(),
        s.validationRateBits(),
        s.learningRate(),
        format(s.elapsed()));
  }

  /** Ends a live line so the next output starts clean. */
  public void endLine() {
    if (live) {
      out.print("\r" + " ".repeat(120) + "\r");
    }
  }

  private String psnr() {
    return Double.isNaN(lastValPsnr) ? "-" : String.format(Locale.ROOT, "%.2f dB", lastValPsnr);
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
  }
}
