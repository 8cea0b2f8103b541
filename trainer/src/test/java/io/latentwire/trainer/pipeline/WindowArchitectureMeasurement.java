package io.latentwire.trainer.pipeline;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.trainer.rd.Architecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurement (run explicitly: {@code -Dtest=WindowArchitectureMeasurement}): windows of 64 samples
 * of noisy multi-tone signals, CONV1D (the automatic choice) against MLP with the same options;
 * prints bytes, PSNR on held-out windows and ONNX Runtime encode/decode rates at batch 64.
 */
class WindowArchitectureMeasurement {
  private static final int LENGTH = 64;

  @TempDir Path dir;

  @Test
  void compareConv1dWithMlpOnWindows() throws IOException {
    Path train = windows(dir.resolve("train.avro"), 20_000, 1);
    Path test = windows(dir.resolve("test.avro"), 4_000, 2);
    for (Architecture arch : new Architecture[] {null, Architecture.MLP}) {
      TrainedModel model;
      try (Dataset d = Datasets.open(train)) {
        model =
            new ModelTrainer(TrainingMonitor.NONE)
                .train(d, TrainingOptions.defaults(0).withEpochs(10).withArchitecture(arch));
      }
      report(model, test);
    }
  }

  private static void report(TrainedModel model, Path test) {
    ModelBundle bundle = model.bundle();
    List<float[]> rows = new ArrayList<>();
    try (Dataset d = Datasets.open(test)) {
      for (GenericRecord r : d) {
        rows.add(bundle.manifest().mapping().extract(r));
      }
    }
    int n = rows.size();
    int batch = 64;
    float[] flat = new float[n * LENGTH];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, flat, i * LENGTH, LENGTH);
    }
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      FidelityMeter meter = new FidelityMeter(bundle.manifest().normalization());
      long bytes = 0;
      long encodeNanos = 0;
      long decodeNanos = 0;
      for (int pass = 0; pass < 3; pass++) {
        for (int start = 0; start + batch <= n; start += batch) {
          float[] part =
              java.util.Arrays.copyOfRange(flat, start * LENGTH, (start + batch) * LENGTH);
          long t0 = System.nanoTime();
          byte[][] payloads = codec.encode(part, batch);
          long t1 = System.nanoTime();
          float[] decoded = codec.decode(payloads);
          long t2 = System.nanoTime();
          if (pass > 0) {
            encodeNanos += t1 - t0;
            decodeNanos += t2 - t1;
          } else {
            for (byte[] p : payloads) {
              bytes += p.length;
            }
            meter.add(part, decoded, batch);
          }
        }
      }
      long coded = 2L * (n / batch) * batch;
      System.out.printf(
          Locale.ROOT,
          "%s latent %d: %d epochs, %.1f s; test %.2f B/record, %.2f dB; ORT enc %.0f/s dec %.0f/s%n",
          bundle.manifest().architecture(),
          bundle.manifest().latentSize(),
          model.history().size(),
          model.trainSeconds(),
          (double) bytes / meter.rows(),
          meter.psnrDb(),
          coded / (encodeNanos / 1e9),
          coded / (decodeNanos / 1e9));
    }
  }

  private static Path windows(Path file, int count, long seed) throws IOException {
    Schema schema =
        SchemaBuilder.record("Window")
            .namespace("test")
            .fields()
            .requiredString("sensor")
            .name("samples")
            .type()
            .array()
            .items()
            .floatType()
            .noDefault()
            .endRecord();
    SplittableRandom random = new SplittableRandom(seed);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.create(schema, file.toFile());
      for (int i = 0; i < count; i++) {
        double phase = random.nextDouble(0, 6.3);
        double freq = random.nextDouble(0.05, 0.6);
        double amp2 = random.nextDouble(0, 1);
        double level = random.nextDouble(10, 20);
        List<Float> samples = new ArrayList<>();
        for (int t = 0; t < LENGTH; t++) {
          double v =
              level
                  + 3 * Math.sin(phase + freq * t)
                  + amp2 * Math.sin(3 * phase + 2.7 * freq * t)
                  + 0.05 * random.nextGaussian();
          samples.add((float) v);
        }
        GenericRecord r = new GenericData.Record(schema);
        r.put("sensor", "s" + (i % 4));
        r.put("samples", samples);
        writer.append(r);
      }
    }
    return file;
  }
}
