package io.latentwire.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.trainer.SensorCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train --max-abs-error}: the bundle's default bound and the point chosen for it. */
class TrainMaxAbsErrorTest {
  private static final double BOUND = 0.05;

  @TempDir static Path dir;
  static Path csv;
  static Path model;
  static Run trained;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void train() throws IOException {
    csv = SensorCsv.write(dir.resolve("sensors.csv"), 600, 5);
    model = dir.resolve("bounded.lwm");
    trained =
        run(
            "--data",
            csv.toString(),
            "--out",
            model.toString(),
            "--latent",
            "3",
            "--epochs",
            "8",
            "--hidden",
            "32,16",
            "--max-abs-error",
            Double.toString(BOUND));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new TrainCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("error: " + ex.getMessage());
          return 1;
        });
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldStateTheDefaultBoundInTheTrainingReport() throws Exception {
    assertThat(trained.exit()).as(trained.err()).isZero();
    String html =
        java.nio.file.Files.readString(
            io.latentwire.trainer.report.ReportWriter.directoryFor(model).resolve("report.html"));
    assertThat(html)
        .contains("<p id=\"default-bound\" data-spec=\"0.05\">")
        .contains("every value within 0.05");
  }

  @Test
  void shouldStoreTheBoundAsTheBundleDefaultWithItsMeasuredFigures() {
    assertThat(trained.exit()).as(trained.err()).isZero();
    Manifest m = ModelBundle.read(model).manifest();
    assertThat(m.defaultMaxAbsError()).isEqualTo("0.05");
    assertThat(m.metrics())
        .containsKeys(
            "val.bounded.payload.bytes.mean", "val.bounded.max_abs_error", "val.bounded.psnr.db");
    assertThat(m.metrics().get("val.bounded.max_abs_error")).isLessThanOrEqualTo(BOUND);
    // The unbounded figures are the chosen point's own.
    assertThat(m.metrics().get("val.payload.bytes.mean"))
        .isEqualTo(m.defaultPoint().metrics().get("val.payload.bytes.mean"));
    assertThat(trained.out()).containsPattern("default max abs error +0\\.05");
  }

  @Test
  void shouldDefaultToThePointWithTheFewestBytesUnderTheBound() {
    Manifest m = ModelBundle.read(model).manifest();
    List<Double> bytes = new ArrayList<>();
    for (OperatingPoint p : m.operatingPoints()) {
      bytes.add(p.metrics().get("val.bounded.payload.bytes.mean"));
    }
    assertThat(bytes).doesNotContainNull().hasSize(m.operatingPoints().size());
    assertThat(bytes.get(m.defaultOperatingPoint()))
        .isEqualTo(bytes.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
  }

  @Test
  void shouldHonourTheDefaultBoundWhenEncodingWithoutOneAndLetAnExplicitBoundOverrideIt()
      throws IOException {
    ModelBundle bundle = ModelBundle.read(model);
    Path fresh = SensorCsv.write(dir.resolve("fresh.csv"), 300, 77);
    float[] rows;
    int n = 0;
    try (Dataset d = Datasets.open(fresh)) {
      List<float[]> list = new ArrayList<>();
      for (GenericRecord r : d) {
        list.add(bundle.manifest().mapping().extract(r));
      }
      n = list.size();
      int w = bundle.manifest().inputSize();
      rows = new float[n * w];
      for (int i = 0; i < n; i++) {
        System.arraycopy(list.get(i), 0, rows, i * w, w);
      }
    }
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      assertThat(maxError(rows, codec.decode(codec.encode(rows, n)))).isLessThanOrEqualTo(BOUND);
      double none =
          maxError(
              rows,
              codec.decode(codec.encode(rows, n, EncodeSettings.defaults().withoutMaxAbsError())));
      assertThat(none).as("the model alone misses the bound").isGreaterThan(BOUND);
      double looser =
          maxError(
              rows,
              codec.decode(codec.encode(rows, n, EncodeSettings.defaults().withMaxAbsError(5f))));
      assertThat(looser).isLessThanOrEqualTo(5).isGreaterThan(BOUND);
    }
  }

  @Test
  void shouldLetOnlyPointsThatReachTheTargetPsnrCompeteUnderTheBound() {
    Manifest first = ModelBundle.read(model).manifest();
    // Same data and seed: the same network and ladder. Ask for what the second-finest point gave.
    double target = first.operatingPoints().get(1).metrics().get("val.psnr.db") - 0.001;
    Path both = dir.resolve("both.lwm");
    Run r =
        run(
            "--data",
            csv.toString(),
            "--out",
            both.toString(),
            "--latent",
            "3",
            "--epochs",
            "8",
            "--hidden",
            "32,16",
            "--max-abs-error",
            Double.toString(BOUND),
            "--target-psnr",
            Double.toString(target));
    assertThat(r.exit()).as(r.err()).isZero();
    Manifest m = ModelBundle.read(both).manifest();
    assertThat(m.defaultMaxAbsError()).isEqualTo("0.05");
    assertThat(m.defaultPoint().metrics().get("val.psnr.db")).isGreaterThanOrEqualTo(target);
    for (OperatingPoint p : m.operatingPoints()) {
      boolean competes = p.metrics().get("val.psnr.db") >= target;
      assertThat(p.metrics().containsKey("val.bounded.payload.bytes.mean"))
          .as(p.name())
          .isEqualTo(competes);
    }
  }

  @Test
  void shouldRefuseAFieldTheDataDoesNotMapBeforeTraining() {
    Path out = dir.resolve("never.lwm");
    Run r = run("--data", csv.toString(), "--out", out.toString(), "--max-abs-error", "nosuch=0.1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--max-abs-error 'nosuch=0.1'").contains("nosuch").contains("t1");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void shouldRefuseAnUnparsableSpecNamingTheOption() {
    Path out = dir.resolve("never2.lwm");
    Run r = run("--data", csv.toString(), "--out", out.toString(), "--max-abs-error", "0.1x");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--max-abs-error '0.1x'").contains("not a number");
    assertThat(Files.exists(out)).isFalse();
  }

  private static double maxError(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
