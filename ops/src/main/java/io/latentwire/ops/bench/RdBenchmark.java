package io.latentwire.ops.bench;

import static java.util.stream.Collectors.joining;

import io.latentwire.codec.model.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The rate-distortion harness: on one data set, fits and measures every baseline, then the learned
 * codec at each operating point its model offers, and returns the rows as a report section. One
 * thread; one progress line per codec.
 */
public final class RdBenchmark {

  /**
   * How a run is done.
   *
   * @param timing warm-up and timed passes
   * @param learnedBatch records per network run of the learned codec
   * @param learned whether to measure the learned codec at all
   * @param models bundles given by the user; each data set uses the one that {@linkplain
   *     BenchDataSet#fits fits} it, else trains a default model
   * @param trainBudget time budget of a default model
   * @param workDir where default models and generated training files go
   */
  public record Settings(
      Timing timing,
      int learnedBatch,
      boolean learned,
      List<LoadedModel> models,
      Duration trainBudget,
      Path workDir) {

    public Settings {
      Objects.requireNonNull(timing, "timing");
      if (learnedBatch < 1) {
        throw new IllegalArgumentException("learnedBatch must be >= 1, got " + learnedBatch);
      }
      models = List.copyOf(models);
      Objects.requireNonNull(trainBudget, "trainBudget");
      if (trainBudget.isNegative() || trainBudget.isZero()) {
        throw new IllegalArgumentException("trainBudget must be positive, got " + trainBudget);
      }
      Objects.requireNonNull(workDir, "workDir");
    }
  }

  /** A bundle given by the user and where it came from (for the report). */
  public record LoadedModel(ModelBundle bundle, Path path) {}

  private final Settings settings;
  private final PrintWriter progress;
  private final DefaultModelTrainer trainer;
  private final LearnedCodecFactory learnedCodecs;

  /**
   * @param progress receives one line per phase and per measured codec (flushed)
   * @param trainer trains default models when no given bundle fits a data set
   * @param learnedCodecs opens bundles for measuring, e.g. {@code LatentCodecAdapter::open}
   */
  public RdBenchmark(
      Settings settings,
      PrintWriter progress,
      DefaultModelTrainer trainer,
      LearnedCodecFactory learnedCodecs) {
    this.settings = settings;
    this.progress = progress;
    this.trainer = trainer;
    this.learnedCodecs = learnedCodecs;
  }

  /** Measures everything on {@code data}. */
  public RdSection run(BenchDataSet data) {
    String loadBefore = MachineFacts.loadAverage();
    RdMeasurer measurer = new RdMeasurer(settings.timing());
    List<RdRow> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    say(
        "» %s: %,d test records × %d values; %,d training records (load average %s)",
        data.id(), data.testRecords(), data.width(), data.trainRecords(), loadBefore);

    long t0 = System.nanoTime();
    PcaModel pca = BaselineSuite.fitPca(data);
    say("  PCA fitted on the training records in %.1f s", (System.nanoTime() - t0) / 1e9);
    List<Baseline> baselines = BaselineSuite.create(data, pca);
    try {
      for (Baseline b : baselines) {
        rows.add(measureOne(measurer, b, data));
      }
    } finally {
      baselines.forEach(Baseline::close);
    }

    if (settings.learned()) {
      ModelBundle bundle = learnedBundle(data, notes);
      try (LearnedModelUnderTest model = learnedCodecs.open(bundle, data)) {
        notes.add("Learned codec: " + model.description() + ".");
        for (LearnedCodecUnderTest point : model.operatingPoints()) {
          try (CodecUnderTest c =
              new BatchedLearnedCodec(point, data.width(), settings.learnedBatch())) {
            rows.add(measureOne(measurer, c, data));
          }
        }
      }
    }
    String loadAfter = MachineFacts.loadAverage();
    say("  load average after %s: %s", data.id(), loadAfter);
    return new RdSection(
        data.id(),
        data.title(),
        data.description(),
        notes,
        rows,
        data.references(),
        loadBefore,
        loadAfter);
  }

  private RdRow measureOne(RdMeasurer measurer, CodecUnderTest codec, BenchDataSet data) {
    long t0 = System.nanoTime();
    RdRow row = measurer.measure(codec, data);
    say(
        "  %-24s %-40s %9.1f B/record  PSNR %8s dB  max err %-9s  enc %9s/s  dec %9s/s  (%.1f s)",
        row.codec(),
        row.params(),
        row.bytesPerRecord(),
        Figures.psnr(row.psnrDb()),
        Figures.error(row.maxAbsError()),
        Figures.rate(row.encodeRecordsPerSecond()),
        Figures.rate(row.decodeRecordsPerSecond()),
        (System.nanoTime() - t0) / 1e9);
    return row;
  }

  /** The given bundle that fits {@code data}, else a freshly trained default model. */
  private ModelBundle learnedBundle(BenchDataSet data, List<String> notes) {
    Optional<LoadedModel> given =
        settings.models().stream().filter(m -> data.fits(m.bundle())).findFirst();
    if (given.isPresent()) {
      notes.add("Model bundle: `" + given.get().path() + "` (given with `--model`).");
      return given.get().bundle();
    }
    say(
        "  training a default model on %s for at most %s (change with --train-budget,"
            + " or give one with --model)",
        data.id(), Figures.duration(settings.trainBudget()));
    long t0 = System.nanoTime();
    DefaultModelTrainer.Result r = trainer.train(data, settings.trainBudget(), settings.workDir());
    double seconds = (System.nanoTime() - t0) / 1e9;
    say("  model %s trained in %.0f s, saved to %s", r.bundle().id().shortHex(), seconds, r.path());
    notes.add(
        String.format(
            Locale.ROOT,
            "Model trained by this run on the training records (time budget %s, %.0f s in all"
                + " with export and calibration; latent %d, hidden %s, at most %d epochs); saved"
                + " as `%s`, reusable with `--model`.",
            Figures.duration(settings.trainBudget()),
            seconds,
            r.options().latentSize(),
            r.options().hiddenSizes().stream().map(String::valueOf).collect(joining("-")),
            r.options().epochs(),
            r.path().getFileName()));
    return r.bundle();
  }

  private void say(String format, Object... args) {
    progress.println(String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
