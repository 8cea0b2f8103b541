package io.latentwire.ops.demo;

import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.dataset.FashionMnist;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;

/** The demo's data sets: Fashion-MNIST when installed, else generated telemetry. */
public final class DemoDataSets {
  /** Telemetry rows to train on: about a week of 4 pumps at one reading per 10 s. */
  static final int TELEMETRY_TRAINING_ROWS = 200_000;

  private final Path workDir;

  public DemoDataSets(Path workDir) {
    this.workDir = workDir;
  }

  /** Fashion-MNIST if the Debian package is installed, otherwise telemetry. */
  public DemoData auto(int records) {
    return fashionMnist(records).orElseGet(() -> telemetry(records));
  }

  /** Trains on the 60,000 training images; streams the first {@code records} test images. */
  public Optional<DemoData> fashionMnist(int records) {
    Optional<FashionMnist> fm = FashionMnist.locate();
    if (fm.isEmpty()) {
      return Optional.empty();
    }
    FashionMnist f = fm.get();
    List<String> keys = new ArrayList<>();
    List<GenericRecord> stream = new ArrayList<>();
    try (Dataset test = f.open(FashionMnist.Split.TEST)) {
      for (GenericRecord r : test) {
        if (stream.size() == records) {
          break;
        }
        keys.add("image-" + r.get("id"));
        stream.add(r);
      }
    }
    if (stream.size() < records) {
      throw new IllegalArgumentException(
          "Fashion-MNIST has " + stream.size() + " test images; asked to stream " + records);
    }
    return Optional.of(
        new DemoData(
            "Fashion-MNIST ("
                + f.directory()
                + "): train 60,000 images, stream "
                + records
                + " test images",
            () -> f.open(FashionMnist.Split.TRAIN),
            keys,
            stream));
  }

  /**
   * Generated telemetry: trains on {@value #TELEMETRY_TRAINING_ROWS} readings (written to an Avro
   * container file, read back like a user's file), streams the {@code records} readings that follow
   * them in time.
   */
  public DemoData telemetry(int records) {
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(7L));
    Path trainingFile = workDir.resolve("telemetry-training.avro");
    try (DataFileWriter<TelemetryRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(TelemetryRecord.class))) {
      w.setCodec(CodecFactory.zstandardCodec(3));
      w.create(TelemetryRecord.getClassSchema(), trainingFile.toFile());
      for (int i = 0; i < TELEMETRY_TRAINING_ROWS; i++) {
        w.append(gen.next().record());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + trainingFile, e);
    }
    List<String> keys = new ArrayList<>();
    List<GenericRecord> stream = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      TelemetryRecord r = gen.next().record();
      keys.add(r.getDeviceId() + "@" + r.getTimestamp().toEpochMilli());
      stream.add(r);
    }
    return new DemoData(
        "telemetry generator (4 pumps, 12 channels): train "
            + TELEMETRY_TRAINING_ROWS
            + " readings, stream the next "
            + records,
        () -> Datasets.open(trainingFile, DataFormat.AVRO),
        keys,
        stream);
  }

  /** Options that fit each data set in the demo's training budget. */
  public TrainingOptions trainingOptions(DemoData data) {
    if (data.name().startsWith("Fashion-MNIST")) {
      return TrainingOptions.defaults(32).withEpochs(25);
    }
    return TrainingOptions.defaults(6).withEpochs(30).withHiddenSizes(List.of(64, 32));
  }
}
