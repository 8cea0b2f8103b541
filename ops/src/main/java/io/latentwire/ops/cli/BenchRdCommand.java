package io.latentwire.ops.cli;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.bench.BenchDataSet;
import io.latentwire.ops.bench.BenchException;
import io.latentwire.ops.bench.DefaultModelTrainer;
import io.latentwire.ops.bench.FashionMnistBench;
import io.latentwire.ops.bench.LatentCodecAdapter;
import io.latentwire.ops.bench.MachineFacts;
import io.latentwire.ops.bench.RdBenchmark;
import io.latentwire.ops.bench.RdReportWriter;
import io.latentwire.ops.bench.RdSection;
import io.latentwire.ops.bench.RunInfo;
import io.latentwire.ops.bench.TelemetryBench;
import io.latentwire.ops.bench.Timing;
import io.latentwire.trainer.cli.ProgressBar;
import io.latentwire.trainer.cli.TrainCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentwire bench rd}: the learned codec against simple baselines on Fashion-MNIST and
 * generated telemetry, each record compressed alone; writes the tables into {@code
 * docs/BENCHMARKS.md} and CSV, HTML and PNG files into {@code docs/bench/}. Offline.
 *
 * <p>Meant to be registered as subcommand {@code rd} of a {@code bench} command.
 */
@Command(
    name = "rd",
    mixinStandardHelpOptions = true,
    description = {
      "Rate-distortion benchmark: bytes/record, PSNR, max error and single-thread speed of the"
          + " learned codec next to uint8/float32/float16 + zstd and PCA baselines, each record"
          + " compressed alone.",
      "Writes the tables into --out and CSV/HTML/PNG files into a bench/ directory beside it."
    })
public final class BenchRdCommand implements Callable<Integer> {
  static final String ALL = "all";

  @Spec CommandSpec spec;

  @Option(
      names = "--max-abs-error",
      split = ",",
      description =
          "Also measure the learned codec with these guaranteed error bounds, in the data set's"
              + " units (e.g. 0.066 for [0,1] pixels); one row per bound and operating point.")
  List<Float> maxAbsErrors = new java.util.ArrayList<>();

  @Option(
      names = "--data",
      defaultValue = ALL,
      description = "fashion-mnist, telemetry or all (default ${DEFAULT-VALUE}).")
  String data;

  @Option(
      names = "--model",
      description =
          "Model bundle (.lwm) to measure; repeatable. Each data set uses the bundle that maps its"
              + " fields; data sets without one get a default model trained here.")
  List<Path> models;

  @Option(
      names = "--out",
      description = "Markdown document to update (default: docs/BENCHMARKS.md of the checkout).")
  Path out;

  @Option(
      names = "--train-budget",
      defaultValue = "3m",
      description = "Time budget of each default model, e.g. 90s, 5m (default ${DEFAULT-VALUE}).")
  String trainBudget;

  @Option(
      names = "--records",
      description = "Measure only the first N test records (a quick run); default: all.")
  Integer records;

  @Option(names = "--no-learned", description = "Measure the baselines only.")
  boolean noLearned;

  @Option(
      names = "--learned-batch",
      defaultValue = "64",
      description = "Records per network run of the learned codec (default ${DEFAULT-VALUE}).")
  int learnedBatch;

  @Option(
      names = "--timed-passes",
      defaultValue = "3",
      description = "Timed passes per codec; the median is reported (default ${DEFAULT-VALUE}).")
  int timedPasses;

  @Option(
      names = "--min-pass",
      defaultValue = "250ms",
      description =
          "A timed pass repeats the test records until it lasts this long (default"
              + " ${DEFAULT-VALUE}).")
  String minPass;

  @Option(
      names = "--fashion-mnist-dir",
      defaultValue = "/usr/share/datasets/fashion-mnist",
      description = "Where the Fashion-MNIST IDX files are (default ${DEFAULT-VALUE}).")
  Path fashionMnistDir;

  @Option(
      names = "--work-dir",
      description =
          "Where default models and generated training files go (default: .latentwire/bench of"
              + " the checkout).")
  Path workDir;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<String> selected = selectedDataSets();
    if (records != null && records < 1) {
      throw new IllegalArgumentException("--records must be >= 1, got " + records);
    }
    if (learnedBatch < 1) {
      throw new IllegalArgumentException("--learned-batch must be >= 1, got " + learnedBatch);
    }
    if (timedPasses < 1) {
      throw new IllegalArgumentException("--timed-passes must be >= 1, got " + timedPasses);
    }
    Duration budget = TrainCommand.parseDurationOption("--train-budget", trainBudget);
    if (budget.isZero() || budget.isNegative()) {
      throw new IllegalArgumentException("--train-budget must be positive, got " + trainBudget);
    }
    Timing timing =
        new Timing(
            Timing.STANDARD.warmUpPasses(),
            timedPasses,
            TrainCommand.parseDurationOption("--min-pass", minPass));
    Path home = Path.of(System.getProperty("latentwire.home", "."));
    Path document = out != null ? out : home.resolve("docs").resolve("BENCHMARKS.md");
    Path work = workDir != null ? workDir : home.resolve(".latentwire").resolve("bench");
    List<RdBenchmark.LoadedModel> given = new ArrayList<>();
    for (Path m : models == null ? List.<Path>of() : models) {
      given.add(new RdBenchmark.LoadedModel(ModelBundle.read(m), m));
    }
    try {
      // Mappings are cheap to get; checking models against them first fails in a second, not
      // after loading 70,000 images.
      Map<String, FieldMapping> available = new LinkedHashMap<>();
      boolean missing = false;
      for (String id : selected) {
        try {
          available.put(id, mappingOf(id));
        } catch (BenchException e) {
          if (selected.size() == 1) {
            throw e;
          }
          err.println("bench rd: " + id + " skipped: " + e.getMessage());
          err.flush();
          missing = true;
        }
      }
      requireEveryModelUsed(given, available);
      List<BenchDataSet> sets = new ArrayList<>();
      for (String id : available.keySet()) {
        BenchDataSet d = load(id);
        sets.add(records == null ? d : d.withTestRecords(records));
      }
      RdBenchmark bench =
          new RdBenchmark(
              new RdBenchmark.Settings(timing, learnedBatch, !noLearned, given, budget, work),
              o,
              new DefaultModelTrainer(ProgressBar.onStderr()),
              (bundle, data) -> LatentCodecAdapter.open(bundle, data, maxAbsErrors));
      MachineFacts machine = MachineFacts.capture();
      o.println("» machine: " + machine.summary());
      List<RdSection> sections = new ArrayList<>();
      for (BenchDataSet d : sets) {
        sections.add(bench.run(d));
      }
      if (sections.isEmpty()) {
        throw new CliException("no data set could be measured");
      }
      RunInfo run = new RunInfo(LocalDate.now(), commandLine(), machine, timing, learnedBatch);
      RdReportWriter.Written w = RdReportWriter.write(run, sections, document);
      w.warnings().forEach(x -> err.println("bench rd: warning: " + x));
      o.println("» wrote " + w.markdown() + ", " + w.csv() + ", " + w.html());
      o.flush();
      err.flush();
      return missing ? CliErrorHandler.EXIT_INPUT_ERROR : 0;
    } catch (BenchException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  private Set<String> selectedDataSets() {
    String d = data.trim().toLowerCase(Locale.ROOT);
    return switch (d) {
      case ALL -> new LinkedHashSet<>(List.of(FashionMnistBench.ID, TelemetryBench.ID));
      case FashionMnistBench.ID, TelemetryBench.ID -> Set.of(d);
      default ->
          throw new IllegalArgumentException(
              "--data '"
                  + data
                  + "' is not a benchmark data set; allowed: "
                  + FashionMnistBench.ID
                  + ", "
                  + TelemetryBench.ID
                  + ", "
                  + ALL);
    };
  }

  private BenchDataSet load(String id) {
    return id.equals(FashionMnistBench.ID)
        ? FashionMnistBench.load(fashionMnistDir)
        : TelemetryBench.generate();
  }

  private FieldMapping mappingOf(String id) {
    return id.equals(FashionMnistBench.ID)
        ? FashionMnistBench.mapping(fashionMnistDir)
        : TelemetryBench.mapping();
  }

  /** A --model that fits no selected data set is a mistake better reported before hours of work. */
  private static void requireEveryModelUsed(
      List<RdBenchmark.LoadedModel> given, Map<String, FieldMapping> available) {
    for (RdBenchmark.LoadedModel m : given) {
      List<MappedField> modelFields = m.bundle().manifest().mapping().fields();
      if (available.values().stream().noneMatch(f -> f.fields().equals(modelFields))) {
        StringBuilder feeds = new StringBuilder();
        available.forEach(
            (id, f) ->
                feeds
                    .append(feeds.length() == 0 ? "" : "; ")
                    .append(id)
                    .append(" feeds ")
                    .append(f.width())
                    .append(" features (")
                    .append(f.fields().get(0).name())
                    .append(f.fields().size() > 1 ? ", …)" : ")"));
        throw new IllegalArgumentException(
            "--model "
                + m.path()
                + " maps "
                + m.bundle().manifest().inputSize()
                + " features ("
                + m.bundle().manifest().mapping().fields().get(0).name()
                + (m.bundle().manifest().mapping().fields().size() > 1 ? ", …" : "")
                + ") and fits none of the selected data sets: "
                + feeds);
      }
    }
  }

  private String commandLine() {
    List<String> args = new ArrayList<>();
    if (spec.commandLine().getParseResult() != null) {
      args.addAll(spec.commandLine().getParseResult().originalArgs());
    }
    int rd = args.indexOf("rd");
    List<String> own = rd >= 0 ? args.subList(rd + 1, args.size()) : args;
    StringBuilder sb = new StringBuilder("./latentwire bench rd");
    for (String a : own) {
      sb.append(' ').append(a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a + "'");
    }
    return sb.toString();
  }
}
