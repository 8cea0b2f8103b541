package io.latentwire.trainer.cli;

import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.dataset.TopicQuery;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainedModel;
import io.latentwire.trainer.pipeline.TrainingOptions;
import io.latentwire.trainer.rd.Architecture;
import io.latentwire.trainer.report.EpochRow;
import io.latentwire.trainer.report.ReportWriter;
import io.latentwire.trainer.report.TrainingReport;
import io.latentwire.trainer.report.ValidationSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwire train}: data file in, model bundle out. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a rate-distortion autoencoder on a data file, or on records sampled from a live"
            + " Kafka topic, and write a model bundle (.lwm).")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      description = "Input file (CSV, IDX or Avro container); or use --from-topic.")
  Path data;

  @Option(
      names = "--from-topic",
      paramLabel = "TOPIC",
      description =
          "Train on records of this Kafka topic (Confluent wire format, Avro) instead of --data;"
              + " needs --bootstrap and --registry.")
  String fromTopic;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL.")
  String registry;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "With --from-topic: the newest N records across partitions (default: all).")
  Integer sample;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description =
          "With --from-topic: first record timestamp included (ISO-8601 with zone, e.g."
              + " 2026-01-01T00:00:00Z, or epoch milliseconds).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "With --from-topic: first record timestamp excluded (same forms as --from).")
  String to;

  @Option(
      names = "--schema-id",
      paramLabel = "ID",
      description =
          "With --from-topic: train on records of this writer schema id only (needed when the"
              + " topic holds several).")
  Integer schemaId;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      description =
          "With --from-topic: Kafka client properties (security.protocol, sasl.*, ssl.*...);"
              + " schema.registry.* keys (basic.auth.user.info, ssl.truststore.*...) go to the"
              + " registry client.")
  Path clientConfig;

  @Option(
      names = "--kafka-timeout",
      defaultValue = "15s",
      description =
          "With --from-topic: how long to wait for the broker and the registry (default"
              + " ${DEFAULT-VALUE}).")
  String kafkaTimeout;

  @Option(names = "--format", description = "csv, idx or avro; default: from the file name.")
  String format;

  @Option(names = "--out", required = true, description = "Model bundle to write (.lwm).")
  Path out;

  @Option(
      names = "--latent",
      defaultValue = "0",
      description =
          "Latent size; 0 = automatic (64 for mlp, the default latent grid for conv2d). The rate"
              + " is set by --lambda; the latent size only caps it (default ${DEFAULT-VALUE}).")
  int latent;

  @Option(
      names = "--epochs",
      defaultValue = "30",
      description = "Maximum epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--arch",
      description =
          "Network: mlp, conv2d or conv1d; default: from the data: conv1d for a single numeric"
              + " array that is a window of a series, conv2d for images of 64x64 pixels and more,"
              + " mlp otherwise (tables, and small images such as Fashion-MNIST, where it gives"
              + " more dB per byte and runs 3-8x faster in ONNX Runtime).")
  String arch;

  @Option(
      names = "--lambda",
      defaultValue = "0.015",
      description =
          "Price of one bit in summed squared error of normalized values: larger = fewer bytes,"
              + " lower fidelity (default ${DEFAULT-VALUE}).")
  double lambda;

  @Option(
      names = "--patience",
      defaultValue = "5",
      description =
          "Early stopping: stop after this many epochs without a better validation loss and"
              + " restore the best weights; 0 = off (default ${DEFAULT-VALUE}).")
  int patience;

  @Option(
      names = "--warmup-epochs",
      description =
          "Epochs of linear learning-rate warm-up before the cosine decay, below --epochs"
              + " (default 1, or 0 when training a single epoch).")
  Integer warmupEpochs;

  @Option(
      names = "--learning-rate",
      defaultValue = "2e-3",
      description = "Peak Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--final-learning-rate",
      defaultValue = "1e-4",
      description = "Learning rate at the end of the cosine decay (default ${DEFAULT-VALUE}).")
  double finalLearningRate;

  @Option(
      names = "--batch",
      defaultValue = "256",
      description =
          "Records per optimiser step (smaller on small data sets; conv2d uses at most 64)"
              + " (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--time-budget",
      defaultValue = "30m",
      description = "Wall-clock cap on training, e.g. 90s, 3m (default ${DEFAULT-VALUE}).")
  String timeBudget;

  @Option(
      names = "--fields",
      split = ",",
      description =
          "Fields to compress, in order, by path (a nested field is position.lat); default:"
              + " inferred, looking into nested records.")
  List<String> fields;

  @Option(names = "--hidden", split = ",", description = "Hidden layer widths (default 512,256).")
  List<Integer> hidden;

  @Option(
      names = "--target-psnr",
      description =
          "Validation PSNR (dB, relative to each feature's range) the default operating point must"
              + " reach; the coarsest (smallest) point of the quality ladder that does is chosen."
              + " With --max-abs-error: only points that reach it compete, and the fewest bytes"
              + " under the bound decide.")
  Double targetPsnr;

  @Option(
      names = "--max-abs-error",
      paramLabel = "SPEC",
      description =
          "The model's default guaranteed bound on every reconstructed value, in the data's"
              + " units, as encode --max-abs-error takes it: one number for all fields, or"
              + " FIELD=E pairs with an optional *=E, e.g. 'temp=0.1,*=1'. Encoders apply it when"
              + " not given a bound (encode --max-abs-error none / encode.max.abs.error=none turn"
              + " it off). The default operating point becomes the ladder point with the fewest"
              + " mean bytes (latents + residual) under the bound on validation rows.")
  String maxAbsError;

  @Override
  public Integer call() {
    requireWritable(out);
    TrainingOptions options =
        TrainingOptions.defaults(latent)
            .withEpochs(epochs)
            .withSeed(seed)
            .withTimeBudget(parseDurationOption("--time-budget", timeBudget))
            .withFields(fields == null ? List.of() : fields)
            .withLambda(lambda)
            .withPatience(patience)
            .withWarmupEpochs(
                warmupEpochs != null
                    ? warmupEpochs
                    : Math.min(TrainingOptions.DEFAULT_WARMUP_EPOCHS, Math.max(0, epochs - 1)))
            .withLearningRates(learningRate, finalLearningRate)
            .withBatchSize(batch)
            .withArchitecture(parseArchitecture(arch))
            .withMaxAbsError(maxAbsError);
    if (hidden != null) {
      options = options.withHiddenSizes(hidden);
    }
    if (targetPsnr != null) {
      if (!(targetPsnr > 0) || targetPsnr.isInfinite()) {
        throw new IllegalArgumentException(
            "--target-psnr must be a positive number of dB, got " + targetPsnr);
      }
      options = options.withTargetPsnrDb(targetPsnr);
    }
    ProgressBar progress = ProgressBar.onStderr();
    TrainedModel model;
    try (Dataset dataset = openDataset()) {
      model = new ModelTrainer(progress).train(dataset, options);
    }
    progress.endLine();
    model.bundle().write(out);
    print(spec.commandLine().getOut(), model.bundle(), out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "  %-30s %.1f (not stored in the bundle)%n",
            "train.seconds",
            model.trainSeconds());
    spec.commandLine().getOut().flush();
    writeReport(model);
    return 0;
  }

  /**
   * Writes {@code M.report/report.html} beside the bundle. A report that fails does not fail the
   * run: the bundle is already written, and it is what the user trained for.
   */
  private void writeReport(TrainedModel model) {
    PrintWriter w = spec.commandLine().getOut();
    try {
      int width = model.bundle().manifest().inputSize();
      TrainingReport report =
          TrainingReport.fromTraining(
              model.bundle(),
              EpochRow.fromRd(model.history(), width),
              model.schema(),
              new ValidationSample(
                  model.validationRaw(),
                  model.validationRows(),
                  width,
                  "validation rows held out by the trainer"),
              data != null ? data.getFileName().toString() : "topic " + fromTopic);
      Path page = new ReportWriter().write(report, ReportWriter.directoryFor(out));
      w.printf(Locale.ROOT, "report written to %s%n", page);
    } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
      // LinkageError, AWTError: a JVM without Java2D's native libraries or fonts.
      spec.commandLine().getErr().printf("warning: no training report: %s%n", e);
    }
    w.flush();
  }

  /** The file of {@code --data}, or the records of {@code --from-topic}; exactly one is given. */
  private Dataset openDataset() {
    if ((data == null) == (fromTopic == null)) {
      throw new IllegalArgumentException(
          "give either --data FILE or --from-topic TOPIC (with --bootstrap and --registry)");
    }
    if (data != null) {
      for (Object[] o :
          new Object[][] {
            {"--bootstrap", bootstrap},
            {"--registry", registry},
            {"--sample", sample},
            {"--from", from},
            {"--to", to},
            {"--schema-id", schemaId},
            {"--client-config", clientConfig}
          }) {
        if (o[1] != null) {
          throw new IllegalArgumentException(o[0] + " applies to --from-topic, not to --data");
        }
      }
      return Datasets.open(data, format == null ? null : DataFormat.parse(format));
    }
    if (format != null) {
      throw new IllegalArgumentException(
          "--format applies to --data; topic records are Avro in the Confluent wire format");
    }
    if (bootstrap == null || registry == null) {
      throw new IllegalArgumentException(
          "--from-topic needs --bootstrap HOST:PORT and --registry URL");
    }
    TopicQuery query =
        TopicQuery.of(fromTopic, bootstrap, registry)
            .withSample(sample)
            .withRange(parseTime("--from", from), parseTime("--to", to))
            .withSchemaId(schemaId)
            .withTimeout(parseDurationOption("--kafka-timeout", kafkaTimeout))
            .withKafkaProperties(clientProperties(clientConfig));
    return Datasets.openTopic(query);
  }

  /** The properties of {@code --client-config}, or none. */
  static Map<String, String> clientProperties(Path file) {
    Map<String, String> out = new HashMap<>();
    if (file == null) {
      return out;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--client-config " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --client-config " + file + ": " + e.getMessage(), e);
    }
    p.forEach((k, v) -> out.put(k.toString().trim(), v.toString().trim()));
    return out;
  }

  /** ISO-8601 with a zone, or epoch milliseconds; {@code null} stays {@code null}. */
  static Instant parseTime(String option, String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    try {
      if (t.matches("-?\\d+")) {
        return Instant.ofEpochMilli(Long.parseLong(t));
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          option
              + " '"
              + text
              + "' is not a time; use ISO-8601 with a zone (2026-01-01T00:00:00Z) or epoch"
              + " milliseconds");
    }
  }

  /** Parses {@code --arch}; null means automatic. */
  static Architecture parseArchitecture(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "mlp" -> Architecture.MLP;
      case "conv2d" -> Architecture.CONV2D;
      case "conv1d" -> Architecture.CONV1D;
      default ->
          throw new IllegalArgumentException(
              "--arch '" + value + "' is not a known architecture; allowed: mlp, conv2d, conv1d");
    };
  }

  /** Prints what a user wants to know about a fresh bundle. */
  static void print(PrintWriter w, ModelBundle bundle, Path path) {
    Manifest m = bundle.manifest();
    w.printf(Locale.ROOT, "model %s written to %s%n", bundle.id().hex(), path);
    w.printf(
        Locale.ROOT,
        "  %s %d -> %d, quantization step %.4g%n",
        m.architecture(),
        m.inputSize(),
        m.latentSize(),
        m.defaultPoint().step());
    w.printf(Locale.ROOT, "  %-30s %s%n", "default max abs error", defaultBound(m));
    m.metrics().forEach((k, v) -> w.printf(Locale.ROOT, "  %-30s %.6g%n", k, v));
    w.flush();
  }

  /** The bundle's default bound spec, or a word saying there is none. */
  static String defaultBound(Manifest m) {
    return m.defaultMaxAbsError() == null ? "none" : m.defaultMaxAbsError();
  }

  /** Parses {@code 90s}, {@code 3m}, {@code 500ms}, {@code 1h}; the error names the option. */
  public static Duration parseDurationOption(String option, String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        option + " '" + s + "' is not a duration; use a number with ms, s, m or h, e.g. 3m");
  }

  /** Fails before hours of training if the bundle could not be written at the end. */
  static void requireWritable(Path out) {
    Path dir = out.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--out " + out + ": cannot write in " + dir + " (" + e.getClass().getSimpleName() + ")");
    }
    if (Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out " + out + " is a directory; give a file name ending in .lwm");
    }
  }
}
