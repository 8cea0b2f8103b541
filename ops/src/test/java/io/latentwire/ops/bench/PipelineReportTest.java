package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineReportTest {
  @TempDir Path dir;

  static PipelineFigures figures(long latentBytes, long encodeP99) {
    return new PipelineFigures(
        "telemetry",
        "Telemetry.",
        "m1",
        1000,
        1,
        new PipelineFigures.Throughput(
            "identity (warm-up)", "raw", "raw.identity-warm-up", 1000, 1000, 20000, 3, ""),
        List.of(
            new PipelineFigures.Throughput(
                "identity", "raw", "raw.identity-r1", 1000, 1000, 40000, 2, ""),
            new PipelineFigures.Throughput(
                "identity", "raw", "raw.identity-r2", 1000, 1000, 20000, 2, ""),
            new PipelineFigures.Throughput(
                "identity", "raw", "raw.identity-r3", 1000, 1000, 50000, 2, "")),
        List.of(
            new PipelineFigures.Throughput(
                "encode", "raw", "raw.latent-r1", 1000, 1000, 30000, 3, "b"),
            new PipelineFigures.Throughput(
                "encode", "raw", "raw.latent-r2", 1000, 1000, 5000, 3, "b"),
            new PipelineFigures.Throughput(
                "encode", "raw", "raw.latent-r3", 1000, 1000, 45000, 3, "b")),
        List.of(
            new PipelineFigures.Throughput(
                "decode", "raw.latent-r1", "raw.reconstructed-r1", 1000, 1000, 10000, 4, "b"),
            new PipelineFigures.Throughput(
                "decode", "raw.latent-r2", "raw.reconstructed-r2", 1000, 1000, 10000, 4, "b"),
            new PipelineFigures.Throughput(
                "decode", "raw.latent-r3", "raw.reconstructed-r3", 1000, 1000, 10000, 4, "b")),
        new PipelineFigures.LogSizes(1000, 100_000, 100_500, latentBytes, 101_000),
        List.of(
            new PipelineFigures.Latency(
                "default",
                Map.of("commit.interval.ms", "100"),
                5000,
                4990,
                25,
                5,
                100,
                100,
                100,
                100,
                100,
                new LatencySummary(80, 50, 90, 120),
                new LatencySummary(80, 60, encodeP99, 130),
                new LatencySummary(80, 110, 190, 230),
                "10 batches")),
        "up 1 day, load average: 1.00, 1.00, 1.00",
        "up 1 day, load average: 2.00, 1.00, 1.00",
        60);
  }

  @Test
  void shouldCompareEveryFigureWithTheIdentityBaselineAndTheTargets() {
    String md =
        PipelineReport.render(
            figures(5_000, 95),
            LocalDate.of(2026, 11, 22),
            "./latentwire bench pipeline",
            MachineFacts.capture());
    assertThat(md)
        .contains("## Pipeline: telemetry (2026-11-22)")
        .contains("`uptime` before: up 1 day, load average: 1.00, 1.00, 1.00")
        .contains(
            "| encode | raw → raw.latent-r1 | 1,000 / 1,000, 1,000 / 1,000, 1,000 / 1,000 |"
                + " 30,000 (30,000, 5,000, 45,000) |")
        // per-round ratios 75 %, 25 %, 90 %: the median is 75 %, not 30,000 / 40,000 by chance
        .contains("| 75 % | b |")
        .contains("| latent (zstd, exactly-once) | 5,000 | 5.0 | 5 % |")
        .contains(
            "| encode ≥ 50 % of identity records/s | 75 % (30,000 rec/s) | 40,000 rec/s | yes |")
        .contains("| latent log ≤ 1/10 of raw log (zstd) | 1/20.0 (5.0 vs 100.0 B/record)")
        .contains("| 50 / 90 / 120 | 60 / 95 / 130 | 110 / 190 / 230 |")
        .contains("| p99 ≤ 100 ms at 5,000 rec/s, encode (default) | 95 ms at 4,990 rec/s");
  }

  @Test
  void shouldSayTheLatencyTargetWasNotMeasuredWhenNoLatencyRunHappened() {
    PipelineFigures f = figures(5_000, 95);
    PipelineFigures throughputOnly =
        new PipelineFigures(
            f.dataSet(),
            f.description(),
            f.model(),
            f.records(),
            f.partitions(),
            f.warmUp(),
            f.identity(),
            f.encode(),
            f.decode(),
            f.logs(),
            List.of(),
            f.loadBefore(),
            f.loadAfter(),
            f.seconds());
    String md =
        PipelineReport.render(
            throughputOnly, LocalDate.of(2026, 11, 22), "x", MachineFacts.capture());
    assertThat(md)
        .doesNotContain("### Latency")
        .contains("| p99 ≤ 100 ms at 5,000 rec/s, encode | not measured (`--no-latency`) |");
  }

  @Test
  void shouldFlagMissedTargets() {
    String md =
        PipelineReport.render(
            figures(50_000, 150), LocalDate.of(2026, 11, 22), "x", MachineFacts.capture());
    assertThat(md)
        .contains("1/2.0 (50.0 vs 100.0 B/record) | identity copy 100.5 B/record | **no** |")
        .contains("150 ms at 4,990 rec/s (encode+decode 190 ms) | 90 ms | **no** |");
  }

  @Test
  void shouldReplaceItsSectionAndKeepTheRestOfTheDocument() throws Exception {
    Path doc = dir.resolve("BENCHMARKS.md");
    Files.writeString(
        doc,
        "# Benchmarks\n\n<!-- bench-rd:x:2026-11-22 begin -->\nRD\n<!-- bench-rd:x:2026-11-22 end -->\n");
    LocalDate day = LocalDate.of(2026, 11, 22);
    PipelineReport.upsert(
        doc,
        "telemetry",
        day,
        PipelineReport.render(figures(5_000, 95), day, "first", MachineFacts.capture()));
    PipelineReport.upsert(
        doc,
        "telemetry",
        day,
        PipelineReport.render(figures(5_000, 95), day, "second", MachineFacts.capture()));
    String md = Files.readString(doc);
    assertThat(md).contains("RD\n<!-- bench-rd:x:2026-11-22 end -->").contains("`second`");
    assertThat(md).doesNotContain("`first`");
    assertThat(md.split("## Pipeline: telemetry", -1)).hasSize(2);
  }
}
