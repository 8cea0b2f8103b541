package io.latentwire.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.ops.eos.TelemetryBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench pipeline} end to end at a small scale: a few thousand telemetry records, a linear
 * model built in code, short latency runs. Checks that every figure is reported and that the
 * figures agree with each other; nothing about speed is asserted.
 */
class BenchPipelineCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LatentwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldMeasureEveryTopologyAndReportConsistentFigures() throws Exception {
    Path model = dir.resolve("tiny.lwm");
    TelemetryBundles.linear(4, 7L).write(model);
    Path doc = dir.resolve("docs/BENCHMARKS.md");
    Files.createDirectories(doc.getParent());
    Files.writeString(
        doc,
        "# Benchmarks\n\n<!-- bench-rd:telemetry:2026-01-01 begin -->\nkept\n"
            + "<!-- bench-rd:telemetry:2026-01-01 end -->\n");

    Run r =
        cli(
            "bench", "pipeline",
            "--data", "telemetry",
            "--records", "3000",
            "--rounds", "2",
            "--model", model.toString(),
            "--rate", "400",
            "--latency-run", "4s",
            "--warm-up", "1s",
            "--out", doc.toString(),
            "--work-dir", dir.resolve("work").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("» producing 3,000 records").contains("received 3,000 / 3,000");
    String out = r.out();
    // Every topology read all of its input back, exactly once.
    for (String topology : List.of("identity \\(warm-up\\)", "identity", "encode", "decode")) {
      String perRound =
          topology.startsWith("identity \\(") ? "3,000 / 3,000" : "3,000 / 3,000, 3,000 / 3,000";
      assertThat(out)
          .containsPattern(
              "\\| " + topology + " \\| [^|]+ \\| " + perRound + " \\| ([0-9,]+|n/a) ");
    }
    // Every log holds bytes; the raw one is the reference.
    for (String topic :
        List.of("raw \\(zstd producer\\)", "identity copy", "latent", "reconstructed")) {
      Matcher m =
          Pattern.compile("\\| " + topic + "[^|]* \\| ([0-9,]+) \\| ([0-9.]+) \\|").matcher(out);
      assertThat(m.find()).as(topic).isTrue();
      assertThat(Long.parseLong(m.group(1).replace(",", ""))).as(topic).isPositive();
    }
    assertThat(out).contains("| raw (zstd producer) |").containsPattern("\\| 100 % \\|");
    // Both latency runs: every produced record came out of each app, with percentiles.
    for (String setting : List.of("default", "tuned-20ms", "tuned-10ms")) {
      Matcher m =
          Pattern.compile(
                  "\\| "
                      + setting
                      + " \\| [^|]+ \\| [0-9,]+ \\| ([0-9,]+) of ([0-9,]+) \\| ([0-9,]+) / ([0-9,]+) of"
                      + " ([0-9,]+) \\| (\\d+) / (\\d+) / (\\d+) \\| (\\d+) / (\\d+) / (\\d+) \\|"
                      + " (\\d+) / (\\d+) / (\\d+) \\|")
              .matcher(out);
      assertThat(m.find()).as(setting + " latency row in:\n" + out).isTrue();
      long identityProduced = Long.parseLong(m.group(2).replace(",", ""));
      assertThat(identityProduced).isPositive();
      assertThat(Long.parseLong(m.group(1).replace(",", ""))).isEqualTo(identityProduced);
      long produced = Long.parseLong(m.group(5).replace(",", ""));
      assertThat(produced).isPositive();
      assertThat(Long.parseLong(m.group(3).replace(",", ""))).isEqualTo(produced);
      assertThat(Long.parseLong(m.group(4).replace(",", ""))).isEqualTo(produced);
      for (int g = 6; g <= 14; g += 3) {
        long p50 = Long.parseLong(m.group(g));
        long p99 = Long.parseLong(m.group(g + 1));
        long max = Long.parseLong(m.group(g + 2));
        assertThat(p50).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
      }
    }
    assertThat(out)
        .contains("commit.interval.ms=20, inference.batch.linger.ms=5")
        .contains("| encode ≥ 50 % of identity records/s |")
        .contains("| latent log ≤ 1/10 of raw log (zstd) |")
        .contains("| p99 ≤ 100 ms at 5,000 rec/s, encode (default) |")
        .contains("| p99 ≤ 100 ms at 5,000 rec/s, encode (tuned-20ms) |")
        .contains("commit.interval.ms=10, inference.batch.linger.ms=2")
        .contains("not measured at 5,000")
        .contains("`uptime` before:")
        .contains("» wrote " + doc);
    String md = Files.readString(doc);
    assertThat(md)
        .contains("kept\n<!-- bench-rd:telemetry:2026-01-01 end -->")
        .contains("## Pipeline: telemetry (")
        .contains(
            "`./latentwire bench pipeline --data telemetry --records 3000 --rounds 2 --model ");
  }

  @Test
  void shouldRejectTunedSettingsThatDoNotPairUp() {
    Run r =
        cli(
            "bench", "pipeline",
            "--data", "telemetry",
            "--tuned-commit-interval", "20ms,10ms",
            "--tuned-linger", "5ms",
            "--out", dir.resolve("B.md").toString());
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err()).contains("--tuned-linger needs one value per --tuned-commit-interval");
    assertThat(dir.resolve("B.md")).doesNotExist();
  }

  @Test
  void shouldRejectAnUnknownDataSetNamingTheAllowedOnes() {
    Run r = cli("bench", "pipeline", "--data", "mnist", "--out", dir.resolve("B.md").toString());
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err()).contains("--data 'mnist'").contains("fashion-mnist, telemetry");
    assertThat(dir.resolve("B.md")).doesNotExist();
  }

  @Test
  void shouldRejectAModelThatDoesNotFitTheRecords() throws Exception {
    Path model = dir.resolve("tiny.lwm");
    TelemetryBundles.linear(4, 7L).write(model);
    Path fm = Path.of("/usr/share/datasets/fashion-mnist");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fm), "Fashion-MNIST installed");
    Run r =
        cli(
            "bench",
            "pipeline",
            "--data",
            "fashion-mnist",
            "--model",
            model.toString(),
            "--out",
            dir.resolve("B.md").toString());
    assertThat(r.exit()).isEqualTo(CliErrorHandler.EXIT_INPUT_ERROR);
    assertThat(r.err()).contains("tiny.lwm").contains("inletTemperature");
  }
}
