package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on a tiny synthetic data set, with a linear test model as learned codec.
 */
class RdBenchmarkTest {
  static final int WIDTH = 8;
  static final List<String> FIELDS = List.of("a", "b", "c", "d", "e", "f", "g", "h");

  @TempDir Path dir;

  /** Two latent factors in 8 float fields, values around 0..5. */
  static BenchDataSet synthetic(float unitScale) {
    return synthetic(
        unitScale,
        FieldType.FLOAT,
        workDir -> {
          throw new AssertionError("no training in this test");
        });
  }

  static BenchDataSet synthetic(float unitScale, FieldType type, TrainingRecords training) {
    SplittableRandom rnd = new SplittableRandom(9);
    float[] train = rows(rnd, 600);
    float[] test = rows(rnd, 150);
    float[] range = new float[WIDTH];
    Arrays.fill(range, 5f);
    FieldMapping mapping =
        new FieldMapping(FIELDS.stream().map(f -> new MappedField(f, type, 1)).toList());
    return new BenchDataSet(
        "synthetic",
        "synthetic test set",
        "Two factors in eight fields.",
        mapping,
        train,
        test,
        range,
        unitScale,
        false,
        new int[] {1, 2},
        training,
        TrainingOptions.defaults(2).withEpochs(3).withHiddenSizes(List.of(16)),
        Map.of());
  }

  static float[] rows(SplittableRandom rnd, int n) {
    float[] rows = new float[n * WIDTH];
    for (int r = 0; r < n; r++) {
      double u = rnd.nextDouble(0, 2);
      double v = rnd.nextDouble(0, 1);
      for (int j = 0; j < WIDTH; j++) {
        rows[r * WIDTH + j] = (float) (1 + u * (j % 3) * 0.7 + v * (j % 2));
      }
    }
    return rows;
  }

  RdBenchmark bench(List<RdBenchmark.LoadedModel> models, StringWriter progress) {
    return new RdBenchmark(
        new RdBenchmark.Settings(
            new Timing(1, 2, Duration.ofMillis(5)),
            16,
            true,
            models,
            Duration.ofSeconds(1),
            dir.resolve("work")),
        new PrintWriter(progress),
        new DefaultModelTrainer(TrainingMonitor.NONE),
        LatentCodecAdapter::open);
  }

  @Test
  void shouldMeasureBaselinesAndEveryOperatingPointAndWriteTheReports() throws Exception {
    ModelBundle identity = TestBundles.identityOnScalars(FIELDS, WIDTH, 0.01f);
    BenchDataSet data = synthetic(1f);
    StringWriter progress = new StringWriter();
    RdSection s =
        bench(List.of(new RdBenchmark.LoadedModel(identity, Path.of("id.lwm"))), progress)
            .run(data);

    List<String> names = new ArrayList<>();
    s.rows().forEach(r -> names.add(r.codec() + " | " + r.params()));
    assertThat(names)
        .containsExactly(
            "float32 + zstd | level 3",
            "float32 + zstd | level 19",
            "float16 + zstd | level 3",
            "float16 + zstd | level 19",
            "PCA | 1 coefficients × 8 bit, fit on train",
            "PCA | 2 coefficients × 8 bit, fit on train",
            "learned linear-test 8→8 | model "
                + identity.id().shortHex()
                + ", q0 step 0.01, batch 16");
    RdRow lossless = s.rows().get(0);
    assertThat(lossless.psnrDb()).isInfinite();
    assertThat(lossless.maxAbsError()).isZero();
    assertThat(lossless.records()).isEqualTo(150);
    assertThat(lossless.encodeRecordsPerSecond()).isPositive();
    RdRow pca2 = s.rows().get(5);
    assertThat(pca2.bytesPerRecord()).isEqualTo(2.0);
    assertThat(pca2.psnrDb()).isGreaterThan(s.rows().get(4).psnrDb()).isGreaterThan(35);
    RdRow learned = s.rows().get(6);
    assertThat(learned.kind()).isEqualTo(CodecUnderTest.Kind.LEARNED);
    // identity latent, step 0.01: error at most half a step, relative to range 5
    assertThat(learned.maxAbsError()).isLessThanOrEqualTo(0.005 / 5 + 1e-6);
    assertThat(s.notes()).anyMatch(n -> n.contains("id.lwm"));
    assertThat(progress.toString())
        .contains("PCA")
        .contains("learned linear-test")
        .contains("B/record");

    RunInfo run =
        new RunInfo(
            LocalDate.of(2025, 1, 2),
            "test",
            MachineFacts.capture(),
            new Timing(1, 2, Duration.ofMillis(5)),
            16);
    RdReportWriter.Written w = RdReportWriter.write(run, List.of(s), dir.resolve("B.md"));
    assertThat(CsvReport.read(w.csv())).hasSize(7);
    assertThat(Files.readString(w.markdown())).contains("| **learned linear-test 8→8** |");
  }

  /** The training rows as a CSV file, which the trainer reads as double columns. */
  static Dataset csvOf(BenchDataSet data, Path workDir) {
    StringBuilder sb = new StringBuilder(String.join(",", FIELDS)).append('\n');
    float[] train = data.train();
    for (int r = 0; r < data.trainRecords(); r++) {
      for (int j = 0; j < WIDTH; j++) {
        sb.append(j == 0 ? "" : ",").append(train[r * WIDTH + j]);
      }
      sb.append('\n');
    }
    try {
      Files.createDirectories(workDir);
      Path csv = Files.writeString(workDir.resolve("train.csv"), sb);
      return Datasets.open(csv, DataFormat.CSV);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldTrainSaveAndMeasureADefaultModelWhenNoneFits() {
    BenchDataSet[] holder = new BenchDataSet[1];
    holder[0] = synthetic(1f, FieldType.DOUBLE, workDir -> csvOf(holder[0], workDir));
    ModelBundle unrelated = TestBundles.identityOnScalars(List.of("x"), 1, 0.1f);
    StringWriter progress = new StringWriter();
    RdSection s =
        bench(List.of(new RdBenchmark.LoadedModel(unrelated, Path.of("x.lwm"))), progress)
            .run(holder[0]);
    RdRow learned = s.rows().get(s.rows().size() - 1);
    assertThat(learned.kind()).isEqualTo(CodecUnderTest.Kind.LEARNED);
    assertThat(learned.codec()).isEqualTo("learned mlp 8→2");
    assertThat(learned.psnrDb()).isGreaterThan(10);
    assertThat(progress.toString()).contains("training a default model on synthetic");
    assertThat(s.notes()).anyMatch(n -> n.contains("hidden 16") && n.contains("reusable"));
    try (var files = Files.list(dir.resolve("work"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("synthetic-[0-9a-f]+\\.lwm"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldConvertRowsToTheModelUnitsAndBack() {
    ModelBundle identity = TestBundles.identityOnScalars(FIELDS, WIDTH, 0.01f);
    BenchDataSet data = synthetic(10f);
    try (LatentCodecAdapter a = LatentCodecAdapter.open(identity, data, List.of(0.05f))) {
      assertThat(a.operatingPoints()).hasSize(2 * identity.manifest().operatingPoints().size());
      LearnedCodecUnderTest point = a.operatingPoints().get(0);
      float[] row = Arrays.copyOf(data.test(), WIDTH);
      float[] back = point.decode(point.encode(row, 1));
      for (int j = 0; j < WIDTH; j++) {
        // step 0.01 in model units is 0.001 in data units
        assertThat(Math.abs(back[j] - row[j])).isLessThanOrEqualTo(0.0005f + 1e-6f);
      }
      LearnedCodecUnderTest bounded = a.operatingPoints().get(a.operatingPoints().size() - 1);
      assertThat(bounded.params()).contains("max abs error 0.05");
      assertThat(a.description()).contains(identity.id().shortHex());
    }
  }

  @Test
  void shouldRefuseAModelThatMapsOtherFields() {
    ModelBundle other = TestBundles.identityOnScalars(List.of("x", "y"), 2, 0.1f);
    assertThatThrownBy(() -> LatentCodecAdapter.open(other, synthetic(1f)))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("maps 2 features (x, y)")
        .hasMessageContaining("synthetic benchmark feeds 8 features (a, b, c");
  }

  @Test
  void shouldRejectANonDeterministicCodec() {
    BenchDataSet data = synthetic(1f);
    Baseline flaky =
        new Baseline() {
          int calls;

          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public String params() {
            return "";
          }

          @Override
          public int width() {
            return WIDTH;
          }

          @Override
          public byte[] encodeOne(float[] rows, int offset) {
            return new byte[calls++ < 150 ? 1 : 2];
          }

          @Override
          public void decodeOne(byte[] payload, float[] out, int offset) {}
        };
    assertThatThrownBy(() -> new RdMeasurer(new Timing(1, 3, Duration.ZERO)).measure(flaky, data))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("flaky () is not deterministic");
  }

  @Test
  void shouldTakeTheMedianOfTheTimedPasses() {
    assertThat(RdMeasurer.median(new long[] {5, 1, 3})).isEqualTo(3.0);
    assertThat(RdMeasurer.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void shouldMeasureOnlyTheFirstTestRecordsWhenAskedForAQuickRun() {
    BenchDataSet quick = synthetic(1f).withTestRecords(10);
    assertThat(quick.testRecords()).isEqualTo(10);
    assertThat(quick.trainRecords()).isEqualTo(600);
  }
}
