package io.latentwire.ops.cli;

import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.bench.BenchException;
import io.latentwire.ops.bench.DefaultModelTrainer;
import io.latentwire.ops.bench.FashionMnistBench;
import io.latentwire.ops.bench.MachineFacts;
import io.latentwire.ops.bench.PipelineBenchmark;
import io.latentwire.ops.bench.PipelineBenchmark.LatencySetting;
import io.latentwire.ops.bench.PipelineFigures;
import io.latentwire.ops.bench.PipelineReport;
import io.latentwire.ops.bench.PipelineWorkload;
import io.latentwire.ops.bench.TelemetryBench;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.trainer.cli.ProgressBar;
import io.latentwire.trainer.cli.TrainCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentwire bench pipeline}: throughput, log bytes and latency of the encode and decode
 * topologies against an identity topology, on an embedded KRaft broker and schema registry; prints
 * the tables and writes them into {@code docs/BENCHMARKS.md}.
 *
 * <p>Meant to be registered as subcommand {@code pipeline} of a {@code bench} command.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Pipeline benchmark on an embedded broker and registry (127.0.0.1): records/s of the"
          + " identity, encode and decode topologies over the same input, bytes per record in each"
          + " topic's log, and latency percentiles at a fixed rate under the default and tuned"
          + " commit interval.",
      "Writes a 'Pipeline' section into --out (other sections are kept)."
    })
public final class BenchPipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      defaultValue = FashionMnistBench.ID,
      description = "fashion-mnist or telemetry (default ${DEFAULT-VALUE}).")
  String data;

  @Option(
      names = "--records",
      defaultValue = "200000",
      description = "Records of each throughput run (default ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "Times identity, encode and decode each run over the records, interleaved; the report"
              + " gives medians (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--model",
      description =
          "Model bundle (.lwm) mapping the data set's records; default: train a quick one here"
              + " (see --train-budget) and keep it in the work directory.")
  Path model;

  @Option(
      names = "--train-budget",
      defaultValue = "2m",
      description = "Time budget of the quick model, e.g. 90s, 3m (default ${DEFAULT-VALUE}).")
  String trainBudget;

  @Option(
      names = "--rate",
      defaultValue = "5000",
      description = "Records/s of the latency runs (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--latency-run",
      defaultValue = "25s",
      description = "How long each latency run produces (default ${DEFAULT-VALUE}).")
  String latencyRun;

  @Option(
      names = "--warm-up",
      defaultValue = "5s",
      description =
          "Records created this early in a latency run give no sample (default ${DEFAULT-VALUE}).")
  String warmUp;

  @Option(
      names = "--tuned-commit-interval",
      split = ",",
      defaultValue = "20ms,10ms",
      description =
          "commit.interval.ms of each tuned latency run, comma-separated (default"
              + " ${DEFAULT-VALUE}; the default run uses Kafka Streams' exactly-once default,"
              + " 100ms).")
  List<String> tunedCommitIntervals;

  @Option(
      names = "--tuned-linger",
      split = ",",
      defaultValue = "5ms,2ms",
      description =
          "inference.batch.linger.ms of each tuned latency run, one per --tuned-commit-interval"
              + " (default ${DEFAULT-VALUE}).")
  List<String> tunedLingers;

  @Option(
      names = "--no-latency",
      description = "Skip the latency runs (throughput and log bytes only).")
  boolean noLatency;

  @Option(
      names = "--partitions",
      defaultValue = "1",
      description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      description = "Longest wait for one run's outputs (default ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--out",
      description = "Markdown document to update (default: docs/BENCHMARKS.md of the checkout).")
  Path out;

  @Option(
      names = "--fashion-mnist-dir",
      defaultValue = "/usr/share/datasets/fashion-mnist",
      description = "Where the Fashion-MNIST IDX files are (default ${DEFAULT-VALUE}).")
  Path fashionMnistDir;

  @Option(
      names = "--work-dir",
      description =
          "Where quick models and Kafka Streams state go (default: .latentwire/bench of the"
              + " checkout).")
  Path workDir;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (records < 1) {
      throw new IllegalArgumentException("--records must be >= 1, got " + records);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
    }
    if (rate < 1) {
      throw new IllegalArgumentException("--rate must be >= 1 records/s, got " + rate);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
    }
    Duration budget = positive("--train-budget", trainBudget);
    Duration run = positive("--latency-run", latencyRun);
    Duration warm = TrainCommand.parseDurationOption("--warm-up", warmUp);
    if (warm.isNegative() || warm.compareTo(run) >= 0) {
      throw new IllegalArgumentException(
          "--warm-up must be >= 0 and shorter than --latency-run ("
              + latencyRun
              + "), got "
              + warmUp);
    }
    if (tunedCommitIntervals.size() != tunedLingers.size()) {
      throw new IllegalArgumentException(
          "--tuned-linger needs one value per --tuned-commit-interval: got "
              + tunedLingers
              + " for "
              + tunedCommitIntervals);
    }
    List<LatencySetting> tunedSettings = new ArrayList<>();
    for (int i = 0; i < tunedCommitIntervals.size(); i++) {
      Duration commit = positive("--tuned-commit-interval", tunedCommitIntervals.get(i));
      Duration linger = TrainCommand.parseDurationOption("--tuned-linger", tunedLingers.get(i));
      Map<String, String> tuned = new LinkedHashMap<>();
      tuned.put("commit.interval.ms", Long.toString(commit.toMillis()));
      tuned.put(LatentwireConfig.BATCH_LINGER_CONFIG, Long.toString(linger.toMillis()));
      tunedSettings.add(new LatencySetting("tuned-" + commit.toMillis() + "ms", tuned));
    }
    Duration wait = positive("--timeout", timeout);
    Path home = Path.of(System.getProperty("latentwire.home", "."));
    Path document = out != null ? out : home.resolve("docs").resolve("BENCHMARKS.md");
    Path work = workDir != null ? workDir : home.resolve(".latentwire").resolve("bench");
    try {
      Files.createDirectories(work);
      PipelineWorkload workload = workload();
      Path modelPath;
      String modelDescription;
      if (model != null) {
        ModelBundle bundle = ModelBundle.read(model);
        workload.requireCompatible(bundle, model);
        modelPath = model;
        modelDescription = describe(bundle) + ", given with `--model`";
      } else {
        o.println("» training a quick " + workload.id() + " model (budget " + trainBudget + ")");
        o.flush();
        DefaultModelTrainer.Result trained =
            new DefaultModelTrainer(ProgressBar.onStderr())
                .train(workload.trainingSet(), budget, work);
        modelPath = trained.path();
        modelDescription =
            describe(trained.bundle()) + ", trained here (`--train-budget " + trainBudget + "`)";
        o.println("» model " + modelPath);
      }
      List<LatencySetting> settings = new ArrayList<>();
      if (!noLatency) {
        settings.add(LatencySetting.defaults());
        settings.addAll(tunedSettings);
      }
      MachineFacts machine = MachineFacts.capture();
      o.println("» machine: " + machine.summary());
      o.println("» starting the embedded Kafka broker (KRaft) and schema registry on 127.0.0.1");
      o.flush();
      Path state = Files.createTempDirectory(work, "pipeline-state-");
      PipelineFigures figures;
      try (LocalStack stack = LocalStack.start()) {
        PipelineBenchmark bench =
            new PipelineBenchmark(
                new PipelineBenchmark.Cluster(
                    stack.bootstrapServers(),
                    stack.registryUrl(),
                    HttpSchemaRegistryClient.forUrls(stack.registryUrl())),
                line -> {
                  err.println(line);
                  err.flush();
                });
        figures =
            bench.run(
                workload,
                modelPath,
                modelDescription,
                new PipelineBenchmark.Settings(
                    records, rounds, partitions, rate, run, warm, settings, wait, state));
      } finally {
        deleteQuietly(state);
      }
      LocalDate date = LocalDate.now();
      String section = PipelineReport.render(figures, date, commandLine(), machine);
      o.println();
      o.print(section);
      PipelineReport.upsert(document, figures.dataSet(), date, section);
      o.println("» wrote " + document);
      o.flush();
      return 0;
    } catch (BenchException e) {
      throw new CliException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("bench pipeline: cannot create " + work + ": " + e, e);
    }
  }

  private PipelineWorkload workload() {
    String d = data.trim().toLowerCase(Locale.ROOT);
    return switch (d) {
      case FashionMnistBench.ID -> PipelineWorkload.fashionMnist(fashionMnistDir);
      // A seed other than the training one: streamed readings are not training readings.
      case TelemetryBench.ID -> PipelineWorkload.telemetry(TelemetryBench.SEED + 1);
      default ->
          throw new IllegalArgumentException(
              "--data '"
                  + data
                  + "' is not a pipeline benchmark data set; allowed: "
                  + FashionMnistBench.ID
                  + ", "
                  + TelemetryBench.ID);
    };
  }

  private static Duration positive(String option, String value) {
    Duration d = TrainCommand.parseDurationOption(option, value);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
    return d;
  }

  static String describe(ModelBundle bundle) {
    Manifest m = bundle.manifest();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s, %s %d→%d, operating point %s",
                bundle.id().shortHex(),
                m.architecture(),
                m.inputSize(),
                m.latentSize(),
                m.defaultPoint().name()));
    Double valPsnr = m.metrics().get("val.psnr.db");
    if (valPsnr != null) {
      sb.append(String.format(Locale.ROOT, ", validation PSNR %.2f dB", valPsnr));
    }
    return sb.toString();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // state of a finished run: leftovers are harmless
    }
  }

  private String commandLine() {
    List<String> args = new ArrayList<>();
    if (spec.commandLine().getParseResult() != null) {
      args.addAll(spec.commandLine().getParseResult().originalArgs());
    }
    int at = args.indexOf("pipeline");
    List<String> own = at >= 0 ? args.subList(at + 1, args.size()) : args;
    StringBuilder sb = new StringBuilder("./latentwire bench pipeline");
    for (String a : own) {
      sb.append(' ').append(a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a + "'");
    }
    return sb.toString();
  }
}
