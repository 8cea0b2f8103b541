package io.latentwire.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.SensorCsv;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run train(String... args) {
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
  void shouldRejectAnUnknownArchitectureListingTheAllowedOnes() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("arch.csv"), 50, 5);
    Run r =
        train("--data", csv.toString(), "--out", dir.resolve("a.lwm").toString(), "--arch", "rnn");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--arch 'rnn'").contains("mlp, conv2d, conv1d");
  }

  @Test
  void shouldRefuseConv1dForTableRowsNamingTheAlternative() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("arch1d.csv"), 50, 5);
    Run r =
        train(
            "--data", csv.toString(), "--out", dir.resolve("b.lwm").toString(), "--arch", "conv1d");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--arch conv1d needs records that are one numeric array");
  }

  @Test
  void shouldWriteABundleAndPrintItsId() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("d.csv"), 300, 5);
    Path model = dir.resolve("m.lwm");
    Run r =
        train(
            "--data",
            csv.toString(),
            "--out",
            model.toString(),
            "--latent",
            "3",
            "--epochs",
            "2",
            "--hidden",
            "16,8");
    assertThat(r.exit()).as(r.err()).isZero();
    ModelBundle b = ModelBundle.read(model);
    assertThat(r.out()).contains(b.id().hex());
  }

  @Test
  void shouldNameTheRowAndColumnOfANonNumericValue() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b\n1,2\n3,x\n");
    Run r = train("--data", csv.toString(), "--out", dir.resolve("m.lwm").toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("row 2").contains("'b'").contains("'x'");
  }

  @Test
  void shouldNameMissingNanInfAndRaggedRows() throws Exception {
    String[][] cases = {
      {"a,b\n1,2\n3,\n", "row 2"},
      {"a,b\n1,2\n3,NaN\n", "NaN"},
      {"a,b\n1,2\nInf,4\n", "Inf"},
      {"a,b\n1,2\n3,4,5\n", "3"},
    };
    for (String[] c : cases) {
      Path csv = dir.resolve("case.csv");
      Files.writeString(csv, c[0]);
      Run r = train("--data", csv.toString(), "--out", dir.resolve("m.lwm").toString());
      assertThat(r.exit()).as(c[0]).isNotZero();
      assertThat(r.err()).as(c[0]).contains(c[1]).contains("row");
    }
  }

  @Test
  void shouldPickTheCoarsestOperatingPointThatReachesTheTargetPsnr() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("d.csv"), 600, 5);
    Path low = dir.resolve("low.lwm");
    Path high = dir.resolve("high.lwm");
    String[] common = {
      "--data", csv.toString(), "--latent", "3", "--epochs", "20", "--hidden", "32,16"
    };
    Run a = train(concat(common, "--out", low.toString(), "--target-psnr", "15"));
    assertThat(a.exit()).as(a.err()).isZero();
    var lowM = ModelBundle.read(low).manifest();
    assertThat(lowM.operatingPoints()).hasSizeGreaterThan(3);
    assertThat(lowM.defaultPoint().metrics().get("val.psnr.db")).isGreaterThanOrEqualTo(15);
    // Ask for what the second-finest point measured: a finer default than for 15 dB.
    double target = lowM.operatingPoints().get(1).metrics().get("val.psnr.db") - 0.001;
    Run b =
        train(concat(common, "--out", high.toString(), "--target-psnr", Double.toString(target)));
    assertThat(b.exit()).as(b.err()).isZero();
    var highM = ModelBundle.read(high).manifest();
    assertThat(highM.defaultPoint().metrics().get("val.psnr.db")).isGreaterThanOrEqualTo(target);
    assertThat(lowM.defaultPoint().step()).isGreaterThan(highM.defaultPoint().step());
    assertThat(lowM.defaultPoint().metrics().get("val.payload.bytes.mean"))
        .isLessThan(highM.defaultPoint().metrics().get("val.payload.bytes.mean"));
  }

  @Test
  void shouldExplainATargetPsnrOutOfReach() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("d.csv"), 200, 5);
    Run r =
        train(
            "--data",
            csv.toString(),
            "--out",
            dir.resolve("m.lwm").toString(),
            "--epochs",
            "2",
            "--hidden",
            "16",
            "--target-psnr",
            "200");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--target-psnr 200.00 dB is out of this model's reach");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void shouldFailBeforeTrainingWhenTheOutputIsNotWritable() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("d.csv"), 50, 5);
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    Run r = train("--data", csv.toString(), "--out", blocker.resolve("m.lwm").toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("cannot write in");
  }
}
