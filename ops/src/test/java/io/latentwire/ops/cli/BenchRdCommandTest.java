package io.latentwire.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.testing.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench rd} through picocli, as the lead will register it under {@code bench}. */
class BenchRdCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run rd(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchRdCommand());
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldBenchmarkTelemetryBaselinesAndWriteTheDocument() throws Exception {
    Path doc = dir.resolve("docs/BENCHMARKS.md");
    Run r =
        rd(
            "--data",
            "telemetry",
            "--records",
            "300",
            "--no-learned",
            "--timed-passes",
            "1",
            "--out",
            doc.toString(),
            "--work-dir",
            dir.resolve("work").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("» telemetry: 300 test records × 12 values; 200,000 training records")
        .contains("float16 + zstd")
        .contains("PCA")
        .contains("» wrote");
    String md = Files.readString(doc);
    assertThat(md)
        .contains("## Rate–distortion: pump telemetry test set")
        .contains("`./latentwire bench rd --data telemetry --records 300 --no-learned")
        .contains("| PCA | 6 coefficients × 8 bit, fit on train | 6.0 |");
    try (var files = Files.list(dir.resolve("docs/bench"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.matches("rd-\\d{4}-\\d\\d-\\d\\d\\.csv"))
          .anyMatch(n -> n.matches("rd-\\d{4}-\\d\\d-\\d\\d-telemetry\\.png"))
          .anyMatch(n -> n.endsWith(".html"));
    }
  }

  @Test
  void shouldSayHowToInstallFashionMnistWhenItIsAbsent() {
    Run r =
        rd(
            "--data", "fashion-mnist",
            "--fashion-mnist-dir", dir.resolve("nothing-here").toString(),
            "--out", dir.resolve("B.md").toString());
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err())
        .contains("rd: error: Fashion-MNIST not found in")
        .contains("dataset-fashion-mnist")
        .contains("--fashion-mnist-dir");
    assertThat(dir.resolve("B.md")).doesNotExist();
  }

  @Test
  void shouldListTheDataSetsWhenGivenAnUnknownOne() {
    Run r = rd("--data", "cifar");
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err()).contains("--data 'cifar'").contains("fashion-mnist, telemetry, all");
  }

  @Test
  void shouldRejectAModelThatFitsNoSelectedDataSet() throws Exception {
    Path model = dir.resolve("xy.lwm");
    TestBundles.identityOnScalars(List.of("x", "y"), 2, 0.1f).write(model);
    Run r =
        rd(
            "--data",
            "telemetry",
            "--model",
            model.toString(),
            "--records",
            "10",
            "--out",
            dir.resolve("B.md").toString());
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err())
        .contains("--model " + model)
        .contains("maps 2 features (x, …)")
        .contains("telemetry feeds 12 features (inletTemperature, …)");
  }

  @Test
  void shouldRejectANonPositiveRecordCount() {
    Run r = rd("--data", "telemetry", "--records", "0");
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err()).contains("--records must be >= 1, got 0");
  }
}
