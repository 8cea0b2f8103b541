package io.latentwire.trainer.pipeline;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.normalize.NormalizationFitter;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.trainer.TrainerException;
import io.latentwire.trainer.export.OnnxExporter;
import io.latentwire.trainer.nn.DjlEngine;
import io.latentwire.trainer.nn.OutputActivation;
import io.latentwire.trainer.rd.Architecture;
import io.latentwire.trainer.rd.ImageShape;
import io.latentwire.trainer.rd.RdConfig;
import io.latentwire.trainer.rd.RdEpochStats;
import io.latentwire.trainer.rd.RdTrainer;
import io.latentwire.trainer.rd.RowSource;
import io.latentwire.trainer.rd.TrainedRdModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;

/**
 * A whole training run: read the data into an off-heap {@link FeatureStore}, map and normalize
 * features, split, train a rate–distortion autoencoder ({@link RdTrainer}), export it to ONNX,
 * build and measure the quality ladder with ONNX Runtime and the codec's own coder ({@link
 * QuantizerCalibration}), and assemble the bundle.
 *
 * <p>Reproducibility: with the same data, options and machine, two runs write byte-identical
 * bundles. Everything random is seeded; the bundle holds nothing that depends on the clock (wall
 * time lives in {@link TrainedModel#history()} and {@link TrainedModel#trainSeconds()}, outside the
 * hashed bytes); maps are sorted. A run the time budget cuts short is the exception: where it stops
 * depends on the machine's speed (the provenance key {@code train.stop_reason} says so).
 */
public final class ModelTrainer {
  /** Written into every bundle's provenance and ONNX metadata. */
  public static final String TRAINER_VERSION = "0.2.0";

  private static final int MAX_VALIDATION_ROWS = 10_000;

  /** The trained quantisation step of a rate–distortion model: the default operating point. */
  private static final float TRAINED_STEP = 1f;

  /** Hidden channels of a CONV1D model of windows: a window is small, 32 channels are cheap. */
  private static final int WINDOW_CHANNELS = 32;

  /** Latent channels of a CONV1D model (at length / 8 after three halvings). */
  private static final int WINDOW_LATENT_CHANNELS = 8;

  private final TrainingMonitor monitor;
  private final Path spoolDirectory;

  /** A trainer that spools features into {@code java.io.tmpdir}. */
  public ModelTrainer(TrainingMonitor monitor) {
    this(monitor, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * @param monitor progress callbacks, not null
   * @param spoolDirectory where the feature spool file goes while training, not null
   */
  public ModelTrainer(TrainingMonitor monitor, Path spoolDirectory) {
    this.monitor = monitor;
    this.spoolDirectory = spoolDirectory;
  }

  /** Trains a model on every record of {@code data}. */
  public TrainedModel train(Dataset data, TrainingOptions options) {
    long started = System.nanoTime();
    monitor.phase("reading " + data.source());
    Iterator<GenericRecord> it = data.iterator();
    if (!it.hasNext()) {
      throw new TrainerException(data.source() + " holds no records to train on");
    }
    GenericRecord first = it.next();
    Schema schema = data.schema();
    FieldMapping mapping =
        options.fields().isEmpty()
            ? FieldMapping.infer(schema, first)
            : FieldMapping.of(schema, first, options.fields());
    checkBoundFitsMapping(options, mapping);
    try (FeatureStore store = new FeatureStore(mapping, spoolDirectory)) {
      store.add(first);
      while (it.hasNext()) {
        store.add(it.next());
        if (store.rows() % 10_000 == 0) {
          monitor.rowsRead(store.rows());
        }
      }
      store.seal();
      monitor.rowsRead(store.rows());
      if (store.rows() < 10) {
        throw new TrainerException(
            data.source() + " holds " + store.rows() + " records; at least 10 are needed to train");
      }
      return train(store, mapping, schema, options, started);
    }
  }

  private TrainedModel train(
      FeatureStore store,
      FieldMapping mapping,
      Schema schema,
      TrainingOptions options,
      long started) {
    int[] order = shuffledIndexes(store.rows(), options.seed());
    int validation =
        Math.min(
            MAX_VALIDATION_ROWS,
            Math.max(1, (int) Math.round(store.rows() * options.validationFraction())));
    int[] valIdx = Arrays.copyOfRange(order, 0, validation);
    int[] trainIdx = Arrays.copyOfRange(order, validation, order.length);
    order = null; // the two splits are all that is needed from here on

    NormalizationFitter fitter = store.fit(trainIdx);
    Normalization norm = fitter.fit();
    OutputActivation activation =
        fitter.allUnitRange() ? OutputActivation.SIGMOID : OutputActivation.IDENTITY;
    float[] valRaw = store.gather(valIdx);
    float[] valRows = normalized(valRaw.clone(), norm, store.width());
    RowSource trainRows = new NormalizedRows(store, trainIdx, norm);

    RdConfig config = config(mapping, schema, options, store.width(), trainIdx.length, activation);
    String architecture = config.architecture().name().toLowerCase(Locale.ROOT);
    monitor.phase(
        String.format(
            Locale.ROOT,
            "training %s rate-distortion model %d -> %d (lambda %s) on %d rows (%d held out)",
            architecture,
            store.width(),
            config.latentSize(),
            config.lambda(),
            trainIdx.length,
            validation));
    Map<String, String> provenance = provenance(store, schema, options, config);
    byte[] encoder;
    byte[] decoder;
    List<RdEpochStats> history;
    try (TrainedRdModel model = new RdTrainer().train(trainRows, valRows, config, monitor)) {
      history = model.history();
      provenance.put("train.stop_reason", model.stopReason().name().toLowerCase(Locale.ROOT));
      // Reductions inside libtorch depend on the thread count: same count, same bits.
      provenance.put("train.intra_op_threads", Integer.toString(DjlEngine.intraOpThreads()));
      provenance.put("train.epochs", Integer.toString(history.size()));
      provenance.put("train.best_epoch", Integer.toString(bestEpoch(history, config)));
      OnnxExporter exporter = new OnnxExporter(TRAINER_VERSION);
      encoder = exporter.exportEncoder(model.weights(), provenance);
      decoder = exporter.exportDecoder(model.weights(), provenance);
    }

    monitor.phase(
        "building the quality ladder on " + validation + " validation rows with ONNX Runtime");
    int latent = config.latentSize();
    String schemaFingerprint = Long.toHexString(SchemaNormalization.parsingFingerprint64(schema));
    Manifest draft =
        new Manifest(
            Manifest.FORMAT_VERSION,
            architecture,
            store.width(),
            latent,
            mapping,
            schemaFingerprint,
            norm,
            List.of(OperatingPoint.gaussianPrior("reference", 1f, latent)),
            0,
            null,
            null,
            new TreeMap<>(provenance));
    int[] tableIdx =
        Arrays.copyOf(trainIdx, Math.min(trainIdx.length, QuantizerCalibration.TABLE_ROWS));
    float[] tableRows = store.gather(tableIdx);
    QuantizerCalibration.Result cal =
        QuantizerCalibration.calibrate(
            draft,
            encoder,
            decoder,
            tableRows,
            tableIdx.length,
            valRaw,
            validation,
            ladderSteps(config),
            TRAINED_STEP,
            options.targetPsnrDb());
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("val.psnr.db", cal.chosen().psnrDb());
    metrics.put("val.psnr.unquantized.db", cal.reference().psnrDb());
    metrics.put("val.max_abs_error", cal.chosen().maxAbsError());
    metrics.put("val.payload.bytes.mean", cal.chosen().meanPayloadBytes());
    metrics.put("val.rows", (double) validation);
    metrics.put("train.rows", (double) trainIdx.length);
    metrics.put("train.epochs", (double) history.size());
    if (!history.isEmpty()) {
      metrics.put("train.loss.final", history.get(history.size() - 1).trainLoss());
    }
    // No train.seconds here: the manifest is hashed into the model id and must not depend on the
    // clock. Wall time is in TrainedModel.trainSeconds() and the per-epoch history.
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            architecture,
            store.width(),
            latent,
            mapping,
            schemaFingerprint,
            norm,
            cal.points(),
            cal.defaultIndex(),
            null,
            new TreeMap<>(metrics),
            new TreeMap<>(provenance));
    // Priors of the max-abs-error residual coder (codec's ResidualStatistics), fitted on training
    // rows against the finished ladder's default point; they become part of the model.
    monitor.phase("fitting residual statistics on training rows");
    ModelBundle bundle =
        LatentCodec.withResidualStatistics(
            ModelBundle.create(manifest, encoder, decoder),
            tableRows,
            tableIdx.length,
            InferenceOptions.cpu());
    if (options.maxAbsError() != null) {
      monitor.phase(
          "choosing the default operating point under --max-abs-error "
              + options.maxAbsError()
              + " on "
              + validation
              + " validation rows");
      BoundedDefault.Outcome bounded =
          BoundedDefault.choose(
              bundle,
              cal,
              options.maxAbsError(),
              options.targetPsnrDb(),
              valRaw,
              validation,
              tableRows,
              tableIdx.length);
      bundle = bounded.bundle();
      cal = bounded.calibration();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new TrainedModel(bundle, history, cal, config, seconds, schema, valRaw, validation);
  }

  /**
   * Fails before any training when {@code --max-abs-error} names a field the data does not map: the
   * message names the option, the spec and the mapped fields.
   */
  private static void checkBoundFitsMapping(TrainingOptions options, FieldMapping mapping) {
    String spec = options.maxAbsError();
    if (spec == null) {
      return;
    }
    try {
      EncodeSettings.parseMaxAbsError(TrainingOptions.MAX_ABS_ERROR_OPTION, spec, mapping);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(
          m.startsWith(TrainingOptions.MAX_ABS_ERROR_OPTION)
              ? m
              : TrainingOptions.MAX_ABS_ERROR_OPTION + " '" + spec + "': " + m,
          e);
    }
  }

  /** The rate–distortion configuration the options and the data call for. */
  static RdConfig config(
      FieldMapping mapping,
      Schema schema,
      TrainingOptions options,
      int width,
      int trainRows,
      OutputActivation activation) {
    Architecture architecture =
        options.architecture() != null
            ? options.architecture()
            : ArchitectureChoice.automatic(mapping, schema);
    RdConfig.Builder builder;
    if (architecture == Architecture.CONV2D) {
      ImageShape image =
          ArchitectureChoice.imageShape(mapping, schema)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--arch conv2d needs image records: one bytes/fixed field or numeric"
                              + " array whose length is a square (or whose schema states "
                              + ArchitectureChoice.HEIGHT_PROPERTY
                              + "/"
                              + ArchitectureChoice.WIDTH_PROPERTY
                              + "); these records map "
                              + mapping.fields().size()
                              + " field(s) to "
                              + width
                              + " values. Use --arch mlp"));
      builder = RdConfig.conv2d(image);
      RdConfig probe = builder.build();
      if (options.latentSize() > 0) {
        int cells = probe.latentHeight() * probe.latentWidth();
        builder.latentChannels(Math.max(1, options.latentSize() / cells));
      }
      builder.batchSize(
          Math.min(RdConfig.DEFAULT_BATCH_SIZE, batchSize(options.batchSize(), trainRows)));
    } else if (architecture == Architecture.CONV1D) {
      if (!ArchitectureChoice.isWindow(mapping, schema)) {
        throw new IllegalArgumentException(
            "--arch conv1d needs records that are one numeric array (a window of a series) that is"
                + " not an image; these records map "
                + mapping.fields().size()
                + " field(s) to "
                + width
                + " values. Use --arch mlp");
      }
      builder =
          RdConfig.conv1d(width, 1)
              .convChannels(WINDOW_CHANNELS)
              .latentChannels(WINDOW_LATENT_CHANNELS);
      if (options.latentSize() > 0) {
        int length = builder.build().latentWidth();
        builder.latentChannels(Math.max(1, options.latentSize() / length));
      }
      builder.batchSize(batchSize(options.batchSize(), trainRows));
    } else {
      int latent =
          options.latentSize() > 0 ? options.latentSize() : RdConfig.DEFAULT_MLP_LATENT_SIZE;
      List<Integer> hidden =
          !options.hiddenSizes().isEmpty()
              ? options.hiddenSizes()
              : width >= 256 ? List.of(512, 256) : List.of(128, 64);
      builder =
          RdConfig.mlp(width, latent)
              .hiddenSizes(hidden)
              .batchSize(batchSize(options.batchSize(), trainRows));
    }
    return builder
        .outputActivation(activation)
        .lambda(options.lambda())
        .learningRate(options.learningRate())
        .finalLearningRate(options.finalLearningRate())
        .warmupEpochs(options.warmupEpochs())
        .patience(options.patience())
        .epochs(options.epochs())
        .timeBudget(options.timeBudget())
        .seed(options.seed())
        .build();
  }

  /** The ladder: the configured steps around the trained step 1, finest first. */
  private static float[] ladderSteps(RdConfig config) {
    float[] steps = new float[config.ladderSteps().size()];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = config.ladderSteps().get(i);
    }
    return steps;
  }

  private static Map<String, String> provenance(
      FeatureStore store, Schema schema, TrainingOptions options, RdConfig config) {
    Map<String, String> provenance = new TreeMap<>();
    provenance.put("trainer.version", TRAINER_VERSION);
    provenance.put("data.fingerprint.sha256", store.fingerprint());
    provenance.put("data.rows", Integer.toString(store.rows()));
    provenance.put("schema.name", schema.getFullName());
    provenance.put(
        "schema.fingerprint", Long.toHexString(SchemaNormalization.parsingFingerprint64(schema)));
    provenance.put("hyper.architecture", config.architecture().name().toLowerCase(Locale.ROOT));
    provenance.put(
        "hyper.architecture.source", options.architecture() == null ? "automatic" : "option");
    provenance.put("hyper.latent", Integer.toString(config.latentSize()));
    if (config.architecture() == Architecture.MLP) {
      provenance.put("hyper.hidden", config.hiddenSizes().toString());
    } else {
      provenance.put(
          config.architecture() == Architecture.CONV1D ? "hyper.window" : "hyper.image",
          config.imageShape().toString());
      provenance.put("hyper.conv.channels", Integer.toString(config.convChannels()));
      provenance.put("hyper.conv.latent_channels", Integer.toString(config.latentChannels()));
    }
    provenance.put("hyper.lambda", Double.toString(config.lambda()));
    provenance.put("hyper.epochs.max", Integer.toString(config.epochs()));
    provenance.put("hyper.batch", Integer.toString(config.batchSize()));
    provenance.put(
        "hyper.lr.schedule",
        String.format(
            Locale.ROOT,
            "warmup %d epochs then cosine %s -> %s",
            config.warmupEpochs(),
            config.learningRate(),
            config.finalLearningRate()));
    provenance.put("hyper.learning_rate", Double.toString(config.learningRate()));
    provenance.put("hyper.learning_rate.final", Double.toString(config.finalLearningRate()));
    provenance.put("hyper.warmup_epochs", Integer.toString(config.warmupEpochs()));
    provenance.put(
        "hyper.early_stopping",
        config.patience() == 0
            ? "off"
            : "patience "
                + config.patience()
                + " epochs on validation loss, best weights restored");
    provenance.put("hyper.seed", Long.toString(config.seed()));
    provenance.put(
        "hyper.output_activation", config.outputActivation().name().toLowerCase(Locale.ROOT));
    provenance.put("hyper.time_budget", config.timeBudget().toString());
    return provenance;
  }

  private static int bestEpoch(List<RdEpochStats> history, RdConfig config) {
    int best = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
    if (config.patience() == 0) {
      return best;
    }
    double loss = Double.POSITIVE_INFINITY;
    for (RdEpochStats s : history) {
      if (s.validationLoss() < loss) {
        loss = s.validationLoss();
        best = s.epoch();
      }
    }
    return best;
  }

  /**
   * The configured batch size, made smaller on small data sets so an epoch still takes at least
   * about 20 optimiser steps (a 700-row CSV would otherwise train 3 steps per epoch).
   */
  static int batchSize(int configured, int trainRows) {
    return Math.max(1, Math.min(configured, Math.max(16, trainRows / 20)));
  }

  private static float[] normalized(float[] rows, Normalization norm, int width) {
    float[] row = new float[width];
    for (int r = 0; r < rows.length / width; r++) {
      System.arraycopy(rows, r * width, row, 0, width);
      norm.normalize(row, row);
      System.arraycopy(row, 0, rows, r * width, width);
    }
    return rows;
  }

  private static int[] shuffledIndexes(int n, long seed) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx;
  }

  /** The training split of the store, normalised as it is read. */
  private static final class NormalizedRows implements RowSource {
    private final FeatureStore store;
    private final int[] rows;
    private final Normalization norm;
    private final float[] raw;

    NormalizedRows(FeatureStore store, int[] rows, Normalization norm) {
      this.store = store;
      this.rows = rows;
      this.norm = norm;
      this.raw = new float[store.width()];
    }

    @Override
    public int rows() {
      return rows.length;
    }

    @Override
    public int width() {
      return store.width();
    }

    @Override
    public void read(int row, float[] out, int offset) {
      store.row(rows[row], raw, 0);
      norm.normalize(raw, raw);
      System.arraycopy(raw, 0, out, offset, raw.length);
    }
  }
}
