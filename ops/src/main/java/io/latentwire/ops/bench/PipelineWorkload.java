package io.latentwire.ops.bench;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.FashionMnist;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.schemas.examples.TelemetryRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The records the pipeline benchmark streams, and how to get a model for them.
 *
 * <p>Fashion-MNIST: the 70,000 train and test images as {@code ImageRecord}s, cycled to as many
 * records as asked, each with its own id and key. Telemetry: readings of the demo's generator with
 * a seed other than the one default models train on, so the streamed readings are not the training
 * readings.
 */
public final class PipelineWorkload {
  /** One record to produce and its key. */
  public record Keyed(String key, GenericRecord value) {}

  /** An endless, deterministic sequence of records; each call of {@link #stream()} restarts it. */
  @FunctionalInterface
  public interface RecordStream {
    Keyed next();
  }

  private final String id;
  private final String description;
  private final Supplier<RecordStream> streams;
  private final Supplier<BenchDataSet> training;

  private PipelineWorkload(
      String id,
      String description,
      Supplier<RecordStream> streams,
      Supplier<BenchDataSet> training) {
    this.id = id;
    this.description = description;
    this.streams = streams;
    this.training = training;
  }

  /**
   * Fashion-MNIST from {@code directory}.
   *
   * @throws BenchException when the images are absent, saying how to install them
   */
  public static PipelineWorkload fashionMnist(Path directory) {
    Optional<FashionMnist> located = FashionMnist.locate(directory);
    if (located.isEmpty() || located.get().imagesFile(FashionMnist.Split.TEST).isEmpty()) {
      throw new BenchException(
          "Fashion-MNIST not found in "
              + directory
              + ": it needs train-images-idx3-ubyte[.gz] and t10k-images-idx3-ubyte[.gz]."
              + " Install the Debian package dataset-fashion-mnist (files in "
              + FashionMnist.DEBIAN_DIRECTORY
              + ") or pass --fashion-mnist-dir DIR");
    }
    FashionMnist fm = located.get();
    List<GenericRecord> images = new ArrayList<>(70_000);
    for (FashionMnist.Split split : List.of(FashionMnist.Split.TRAIN, FashionMnist.Split.TEST)) {
      try (Dataset d = fm.open(split)) {
        d.forEach(images::add);
      }
    }
    if (images.isEmpty()) {
      throw new BenchException("Fashion-MNIST in " + directory + " holds no images");
    }
    List<GenericRecord> all = List.copyOf(images);
    return new PipelineWorkload(
        FashionMnistBench.ID,
        String.format(
            java.util.Locale.ROOT,
            "Fashion-MNIST from `%s`: the %,d train and test images as `ImageRecord`s (id, label,"
                + " 784 pixel bytes), cycled; record i has id i and key `image-i`.",
            fm.directory(),
            all.size()),
        () -> cycling(all),
        () -> FashionMnistBench.load(directory));
  }

  /** Generated pump telemetry (4 pumps, 12 float channels, anomalies), seed {@code seed}. */
  public static PipelineWorkload telemetry(long seed) {
    return new PipelineWorkload(
        TelemetryBench.ID,
        "Telemetry generator (4 pumps, 12 float channels per reading, seed "
            + seed
            + "): one `TelemetryRecord` per reading, key `device@timestamp`.",
        () -> {
          TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(seed));
          return () -> {
            TelemetryRecord r = gen.next().record();
            return new Keyed(r.getDeviceId() + "@" + r.getTimestamp().toEpochMilli(), r);
          };
        },
        TelemetryBench::generate);
  }

  private static RecordStream cycling(List<GenericRecord> images) {
    long[] next = {0};
    return () -> {
      long i = next[0]++;
      GenericRecord source = images.get((int) (i % images.size()));
      Schema schema = source.getSchema();
      GenericData.Record r = new GenericData.Record(schema);
      for (Schema.Field f : schema.getFields()) {
        r.put(f.pos(), source.get(f.pos()));
      }
      r.put("id", i);
      return new Keyed("image-" + i, r);
    };
  }

  /** {@code fashion-mnist} or {@code telemetry}. */
  public String id() {
    return id;
  }

  /** Markdown sentence(s) on what one record is. */
  public String description() {
    return description;
  }

  /** A fresh stream from the first record. */
  public RecordStream stream() {
    return streams.get();
  }

  /** The benchmark data set a default model trains on (loaded on demand: it can be large). */
  public BenchDataSet trainingSet() {
    return training.get();
  }

  /**
   * @throws BenchException when {@code bundle} cannot read this workload's records, naming both
   */
  public void requireCompatible(ModelBundle bundle, Path path) {
    GenericRecord sample = stream().next().value();
    FieldMapping m = bundle.manifest().mapping();
    try {
      m.checkSchema(sample.getSchema());
      m.extract(sample);
    } catch (RuntimeException e) {
      throw new BenchException(
          "model "
              + path
              + " maps "
              + BenchDataSet.describe(m)
              + ", which the "
              + id
              + " records ("
              + sample.getSchema().getFullName()
              + ") do not hold: "
              + e.getMessage(),
          e);
    }
  }
}
