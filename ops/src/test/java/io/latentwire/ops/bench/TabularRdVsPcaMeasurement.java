package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainedModel;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurement (run explicitly: {@code -Dtest=TabularRdVsPcaMeasurement}): a 24-column telemetry CSV
 * with columns on scales from 1e-3 to 1e4, some integer, trained with the defaults only (what
 * {@code train --data --out} does), against 8-bit PCA at the same byte count, on held-out rows.
 * Prints every operating point and the PCA figure; asserts the default point beats PCA.
 */
class TabularRdVsPcaMeasurement {
  private static final int COLUMNS = 24;

  @TempDir Path dir;

  @Test
  void shouldBeatEightBitPcaAtTheSameByteCountOnHeldOutRows() throws IOException {
    Path train = write(dir.resolve("train.csv"), 30_000, 1);
    Path heldOut = write(dir.resolve("held-out.csv"), 5_000, 2);
    TrainedModel trained;
    try (Dataset d = Datasets.open(train)) {
      trained = new ModelTrainer(TrainingMonitor.NONE).train(d, TrainingOptions.defaults(0));
    }
    ModelBundle bundle = trained.bundle();
    float[] trainRows = rows(bundle, train);
    float[] testRows = rows(bundle, heldOut);
    int n = testRows.length / COLUMNS;

    float[] range = new float[COLUMNS];
    float[] min = new float[COLUMNS];
    float[] max = new float[COLUMNS];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < trainRows.length; i++) {
      min[i % COLUMNS] = Math.min(min[i % COLUMNS], trainRows[i]);
      max[i % COLUMNS] = Math.max(max[i % COLUMNS], trainRows[i]);
    }
    for (int c = 0; c < COLUMNS; c++) {
      range[c] = Math.max(max[c] - min[c], 1e-12f);
    }
    PcaModel pca = PcaModel.fit(trainRows, COLUMNS, range, COLUMNS);

    System.out.printf(
        Locale.ROOT,
        "tabular %d columns, %d train rows, %d held-out rows; %s, %d epochs (%s), %.1f s%n",
        COLUMNS,
        trainRows.length / COLUMNS,
        n,
        bundle.manifest().architecture(),
        trained.history().size(),
        bundle.manifest().provenance().get("train.stop_reason"),
        trained.trainSeconds());
    double defaultPsnr = 0;
    double defaultPcaPsnr = 0;
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      List<OperatingPoint> points = bundle.manifest().operatingPoints();
      for (int op = 0; op < points.size(); op++) {
        FidelityMeter meter = new FidelityMeter(bundle.manifest().normalization());
        byte[][] payloads =
            codec.encode(testRows, n, EncodeSettings.defaults().withOperatingPoint(op));
        long bytes = 0;
        for (byte[] p : payloads) {
          bytes += p.length;
        }
        meter.add(testRows, codec.decode(payloads), n);
        double mean = (double) bytes / n;
        int k = (int) Math.min(COLUMNS, Math.ceil(mean));
        double pcaPsnr = pcaPsnr(pca, k, testRows, n, bundle);
        boolean isDefault = op == bundle.manifest().defaultOperatingPoint();
        System.out.printf(
            Locale.ROOT,
            "  %s step %.2f: %.2f B/record, %.2f dB | PCA %d x 8 bit: %.2f dB%s%n",
            points.get(op).name(),
            points.get(op).step(),
            mean,
            meter.psnrDb(),
            k,
            pcaPsnr,
            isDefault ? "  (default)" : "");
        if (isDefault) {
          defaultPsnr = meter.psnrDb();
          defaultPcaPsnr = pcaPsnr;
        }
      }
    }
    assertThat(defaultPsnr).isGreaterThan(defaultPcaPsnr);
  }

  private static double pcaPsnr(PcaModel pca, int k, float[] rows, int n, ModelBundle bundle) {
    FidelityMeter meter = new FidelityMeter(bundle.manifest().normalization());
    try (PcaBaseline baseline = new PcaBaseline(pca, k)) {
      float[] out = new float[rows.length];
      for (int r = 0; r < n; r++) {
        baseline.decodeOne(baseline.encodeOne(rows, r * COLUMNS), out, r * COLUMNS);
      }
      meter.add(rows, out, n);
    }
    return meter.psnrDb();
  }

  private static float[] rows(ModelBundle bundle, Path csv) {
    try (Dataset d = Datasets.open(csv)) {
      java.util.ArrayList<float[]> out = new java.util.ArrayList<>();
      for (GenericRecord r : d) {
        out.add(bundle.manifest().mapping().extract(r));
      }
      float[] flat = new float[out.size() * COLUMNS];
      for (int i = 0; i < out.size(); i++) {
        System.arraycopy(out.get(i), 0, flat, i * COLUMNS, COLUMNS);
      }
      return flat;
    }
  }

  /** Same generator as the trainer's WideCsv test data (test classes are not shared). */
  static Path write(Path file, int rows, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder header = new StringBuilder();
      for (int c = 0; c < COLUMNS; c++) {
        header.append(c == 0 ? "" : ",").append("c").append(c);
      }
      w.write(header.append('\n').toString());
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < rows; r++) {
        double a = rnd.nextDouble(-1, 1);
        double b = rnd.nextDouble(-1, 1);
        double c3 = rnd.nextDouble(-1, 1);
        double d = rnd.nextGaussian() * 0.5;
        line.setLength(0);
        for (int c = 0; c < COLUMNS; c++) {
          double scale = Math.pow(10, (c % 8) - 3);
          double v =
              switch (c % 6) {
                case 0 -> Math.sin(3 * a + c) + 0.5 * b;
                case 1 -> a * b + c3;
                case 2 -> Math.exp(0.8 * b) - d;
                case 3 -> Math.tanh(2 * c3 - a) + 0.3 * d * d;
                case 4 -> a * a - b * c3;
                default -> Math.cos(2 * b + d) * a;
              };
          v = scale * (v + 0.01 * rnd.nextGaussian());
          if (c % 5 == 4) {
            line.append(c == 0 ? "" : ",").append(Math.round(v * 10 + 1000));
          } else {
            line.append(c == 0 ? "" : ",").append((float) v);
          }
        }
        w.write(line.append('\n').toString());
      }
    }
    return file;
  }
}
