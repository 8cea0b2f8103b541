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
  void shouldRefuseOptionsThatAreNotImplementedYet() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("d.csv"), 50, 5);
    Run r =
        train(
            "--data",
            csv.toString(),
            "--out",
            dir.resolve("m.lwm").toString(),
            "--target-psnr",
            "30");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--target-psnr is not implemented yet");
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
