package io.latentwire.trainer.pipeline;

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
import io.latentwire.trainer.vae.OutputActivation;
import io.latentwire.trainer.vae.TrainedVae;
import io.latentwire.trainer.vae.VaeConfig;
import io.latentwire.trainer.vae.VaeTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;

/**
 * A whole training run: read the data, map and normalize features, split, train the VAE, export it
 * to ONNX, calibrate the quantizer with ONNX Runtime on validation rows, and assemble the bundle.
 *
 * <p>Training-only behaviour (sampling noise) stays inside {@link VaeTrainer}; the bundle holds the
 * deterministic mean encoder and the decoder, frozen.
 */
public final class ModelTrainer {
  /** Written into every bundle's provenance and ONNX metadata. */
  public static final String TRAINER_VERSION = "0.1.0";

  private static final int MAX_VALIDATION_ROWS = 10_000;

  private final TrainingMonitor monitor;

  public ModelTrainer(TrainingMonitor monitor) {
    this.monitor = monitor;
  }

  /** Trains a model on every record of {@code data}. */
  public TrainedModel train(Dataset data, TrainingOptions options) {
    Instant started = Instant.now();
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
    FeatureTable table = new FeatureTable(mapping);
    table.add(first);
    while (it.hasNext()) {
      table.add(it.next());
      if (table.rows() % 10_000 == 0) {
        monitor.rowsRead(table.rows());
      }
    }
    monitor.rowsRead(table.rows());
    if (table.rows() < 10) {
      throw new TrainerException(
          data.source() + " holds " + table.rows() + " records; at least 10 are needed to train");
    }
    return train(table, mapping, schema, options, started);
  }

  private TrainedModel train(
      FeatureTable table,
      FieldMapping mapping,
      Schema schema,
      TrainingOptions options,
      Instant started) {
    int[] order = shuffledIndexes(table.rows(), options.seed());
    int validation =
        Math.min(
            MAX_VALIDATION_ROWS,
            Math.max(1, (int) Math.round(table.rows() * options.validationFraction())));
    int[] valIdx = java.util.Arrays.copyOfRange(order, 0, validation);
    int[] trainIdx = java.util.Arrays.copyOfRange(order, validation, order.length);

    NormalizationFitter fitter = table.fit(trainIdx);
    Normalization norm = fitter.fit();
    OutputActivation activation =
        fitter.allUnitRange() ? OutputActivation.SIGMOID : OutputActivation.IDENTITY;
    float[] trainRows = normalized(table.gather(trainIdx), norm, table.width());
    float[] valRaw = table.gather(valIdx);
    float[] valRows = normalized(valRaw.clone(), norm, table.width());

    VaeConfig config =
        VaeConfig.builder(table.width(), options.latentSize())
            .hiddenSizes(options.hiddenSizes())
            .outputActivation(activation)
            .beta(options.beta())
            .learningRate(options.learningRate())
            .batchSize(batchSize(options.batchSize(), trainIdx.length))
            .epochs(options.epochs())
            .timeBudget(options.timeBudget())
            .seed(options.seed())
            .build();
    monitor.phase(
        String.format(
            Locale.ROOT,
            "training %s VAE %d-%s-%d on %d rows (%d held out)",
            "mlp",
            table.width(),
            options.hiddenSizes(),
            options.latentSize(),
            trainIdx.length,
            validation));
    Map<String, String> provenance = new TreeMap<>();
    provenance.put("trainer.version", TRAINER_VERSION);
    provenance.put("data.fingerprint.sha256", table.fingerprint());
    provenance.put("data.rows", Integer.toString(table.rows()));
    provenance.put("schema.name", schema.getFullName());
    provenance.put("hyper.latent", Integer.toString(options.latentSize()));
    provenance.put("hyper.hidden", options.hiddenSizes().toString());
    provenance.put("hyper.epochs.max", Integer.toString(options.epochs()));
    provenance.put("hyper.batch", Integer.toString(config.batchSize()));
    provenance.put("hyper.learning_rate", Double.toString(options.learningRate()));
    provenance.put("hyper.beta", Double.toString(options.beta()));
    provenance.put("hyper.seed", Long.toString(options.seed()));
    provenance.put("hyper.output_activation", activation.name().toLowerCase(Locale.ROOT));
    String schemaFingerprint = Long.toHexString(SchemaNormalization.parsingFingerprint64(schema));
    provenance.put("schema.fingerprint", schemaFingerprint);

    byte[] encoder;
    byte[] decoder;
    java.util.List<io.latentwire.trainer.vae.EpochStats> history;
    try (TrainedVae vae = new VaeTrainer().train(trainRows, valRows, config, monitor)) {
      history = vae.history();
      trainRows = null; // let the GC have it before calibration
      OnnxExporter exporter = new OnnxExporter(TRAINER_VERSION);
      encoder = exporter.exportEncoder(vae.weights(), provenance);
      decoder = exporter.exportDecoder(vae.weights(), provenance);
    }

    monitor.phase(
        "calibrating the quantizer on " + validation + " validation rows with ONNX Runtime");
    Manifest draft =
        new Manifest(
            Manifest.FORMAT_VERSION,
            "mlp",
            table.width(),
            options.latentSize(),
            mapping,
            schemaFingerprint,
            norm,
            java.util.List.of(
                OperatingPoint.gaussianPrior(
                    "reference", QuantizerCalibration.REFERENCE_STEP, options.latentSize())),
            0,
            null,
            null,
            new TreeMap<>(provenance));
    int[] tableIdx =
        java.util.Arrays.copyOf(
            trainIdx, Math.min(trainIdx.length, QuantizerCalibration.TABLE_ROWS));
    float[] trainRaw = table.gather(tableIdx);
    QuantizerCalibration.Result cal =
        QuantizerCalibration.calibrate(
            draft,
            encoder,
            decoder,
            trainRaw,
            tableIdx.length,
            valRaw,
            validation,
            options.maxQualityLossDb(),
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
    metrics.put("train.seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            "mlp",
            table.width(),
            options.latentSize(),
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
            trainRaw,
            tableIdx.length,
            InferenceOptions.cpu());
    return new TrainedModel(bundle, history, cal);
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
}
