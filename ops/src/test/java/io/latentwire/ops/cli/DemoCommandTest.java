package io.latentwire.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's telemetry path (used when Fashion-MNIST is not installed), at a small scale. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void shouldRunTheTelemetryDemoEndToEndAndPrintTheReport() {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit =
          LatentwireCli.run(
              new PrintWriter(new StringWriter()),
              new PrintWriter(err),
              "demo",
              "--data",
              "telemetry",
              "--records",
              "1500",
              "--time-budget",
              "15s",
              "--work-dir",
              dir.toString());
    } finally {
      System.setOut(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err + out).isZero();
    assertThat(out)
        .contains("| records streamed (encode + decode, real broker) | 1500 |")
        .contains("latent topic log bytes per record")
        .contains("PSNR")
        .contains("| dead letters | 0 |");
  }

  @Test
  void shouldRejectAnUnknownDataSetNamingTheAllowedOnes() {
    StringWriter err = new StringWriter();
    int exit =
        LatentwireCli.run(
            new PrintWriter(new StringWriter()), new PrintWriter(err), "demo", "--data", "cifar");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("auto, fashion-mnist, telemetry");
  }
}
