package io.latentwire.ops.bench;

import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.normalize.NormalizationFitter;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Generated pump telemetry as a benchmark data set (the non-image one): one record = the 12 float
 * channels of one reading; train = the first readings of the generator, test = the readings that
 * follow them in time. PSNR and max error are relative to each channel's range on the training
 * rows.
 *
 * <p>Why this data set: it is the non-image data the project streams (small records of correlated
 * sensor channels, where per-message overhead matters most), it is reproducible offline from a
 * seed, and it has structure a codec can learn (pump affinity laws, daily cycles) besides anomalies
 * it must not smooth away.
 */
public final class TelemetryBench {
  /** The data set id on the command line and in reports. */
  public static final String ID = "telemetry";

  /** Seed of the demo's telemetry, so both show the same data. */
  public static final long SEED = 7L;

  /** About 5.8 days of 4 pumps at one reading per 10 s. */
  public static final int TRAIN_RECORDS = 200_000;

  public static final int TEST_RECORDS = 10_000;

  static final int[] PCA_COMPONENTS = {2, 4, 6};

  private TelemetryBench() {}

  /** The fields a telemetry record maps to (the 12 channels), without generating the data set. */
  public static FieldMapping mapping() {
    TelemetryRecord sample = new TelemetryGenerator(TelemetryConfig.defaults(SEED)).next().record();
    return FieldMapping.infer(TelemetryRecord.getClassSchema(), sample);
  }

  /** The standard telemetry benchmark: {@link #SEED}, {@value #TRAIN_RECORDS} train rows. */
  public static BenchDataSet generate() {
    return generate(TelemetryConfig.defaults(SEED), TRAIN_RECORDS, TEST_RECORDS);
  }

  /** Telemetry from {@code config}: the first {@code trainRecords} readings, then the test ones. */
  public static BenchDataSet generate(TelemetryConfig config, int trainRecords, int testRecords) {
    if (trainRecords < 2 || testRecords < 1) {
      throw new IllegalArgumentException(
          "telemetry needs >= 2 train and >= 1 test records, got "
              + trainRecords
              + " and "
              + testRecords);
    }
    TelemetryGenerator gen = new TelemetryGenerator(config);
    TelemetryRecord first = gen.next().record();
    FieldMapping mapping = FieldMapping.infer(TelemetryRecord.getClassSchema(), first);
    int width = mapping.width();
    float[] train = new float[trainRecords * width];
    float[] test = new float[testRecords * width];
    mapping.extract(first, train, 0);
    for (int r = 1; r < trainRecords; r++) {
      mapping.extract(gen.next().record(), train, r * width);
    }
    for (int r = 0; r < testRecords; r++) {
      mapping.extract(gen.next().record(), test, r * width);
    }
    NormalizationFitter fitter = new NormalizationFitter(mapping.featureKinds());
    float[] row = new float[width];
    for (int r = 0; r < trainRecords; r++) {
      System.arraycopy(train, r * width, row, 0, width);
      fitter.add(row);
    }
    float[] range = fitter.fit().range();
    long stepMillis = config.samplingInterval().toMillis();
    String description =
        String.format(
            Locale.ROOT,
            "Pump telemetry from the project's generator (`TelemetryGenerator`, seed %d, %d pumps,"
                + " one reading per %d s per pump, anomaly rate %s). One record = the %d float"
                + " channels of one reading (%d B as float32). Train: the first %,d readings (%.1f"
                + " days); test: the %,d readings that follow. PSNR and max error are relative to"
                + " each channel's range on the training rows. Why this data set: it is the"
                + " non-image data this project streams (small records of correlated sensor"
                + " channels, where per-message overhead matters most), reproducible offline, with"
                + " structure a codec can learn (pump affinity laws, daily cycles) and anomalies"
                + " it must not smooth away.",
            config.seed(),
            config.devices(),
            stepMillis / 1000,
            config.anomalyRate(),
            width,
            width * Float.BYTES,
            trainRecords,
            (double) trainRecords / config.devices() * stepMillis / 86_400_000.0,
            testRecords);
    return new BenchDataSet(
        ID,
        "pump telemetry test set",
        description,
        mapping,
        train,
        test,
        range,
        1f,
        false,
        PCA_COMPONENTS,
        workDir -> Datasets.open(writeTraining(config, trainRecords, workDir), DataFormat.AVRO),
        TrainingOptions.defaults(6).withEpochs(30).withHiddenSizes(List.of(64, 32)),
        Map.of());
  }

  /** Regenerates the training readings into an Avro file, the way a user's data would arrive. */
  private static Path writeTraining(TelemetryConfig config, int records, Path workDir) {
    Path file = workDir.resolve("telemetry-train-seed" + config.seed() + "-" + records + ".avro");
    TelemetryGenerator gen = new TelemetryGenerator(config);
    try {
      Files.createDirectories(workDir);
      try (DataFileWriter<TelemetryRecord> w =
          new DataFileWriter<>(new SpecificDatumWriter<>(TelemetryRecord.class))) {
        w.setCodec(CodecFactory.zstandardCodec(3));
        w.create(TelemetryRecord.getClassSchema(), file.toFile());
        for (int i = 0; i < records; i++) {
          w.append(gen.next().record());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write telemetry training file " + file, e);
    }
    return file;
  }
}
