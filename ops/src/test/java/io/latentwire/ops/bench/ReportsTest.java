package io.latentwire.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  static final LocalDate DAY = LocalDate.of(2025, 3, 14);
  static final RunInfo RUN =
      new RunInfo(
          DAY,
          "./latentwire bench rd --data all",
          new MachineFacts("2", 2, "Test CPU", "17 (Test VM)", "Linux 6 amd64"),
          Timing.STANDARD,
          64);

  @TempDir Path dir;

  static RdRow row(String dataSet, String codec, String params, double bytes, double psnr) {
    return new RdRow(
        dataSet,
        codec,
        params,
        codec.startsWith("learned") ? CodecUnderTest.Kind.LEARNED : CodecUnderTest.Kind.BASELINE,
        10_000,
        bytes,
        psnr,
        psnr == Double.POSITIVE_INFINITY ? 0 : 0.25,
        123_456.7,
        98_765.4);
  }

  static RdSection section(String dataSet, List<RdRow> rows) {
    return new RdSection(
        dataSet,
        dataSet + " test set",
        "Some data.",
        List.of("Learned codec: a model."),
        rows,
        Map.of(BenchDataSet.referenceKey("uint8 + zstd", "level 3"), "475 B, ∞"),
        "0.10 0.20 0.30",
        "0.40 0.50 0.60");
  }

  @Test
  void shouldRenderOneTableRowPerCodecWithInfinityForLosslessAndTheReference() {
    RdSection s =
        section(
            "fashion-mnist",
            List.of(
                row("fashion-mnist", "uint8 + zstd", "level 3", 475.26, Double.POSITIVE_INFINITY),
                row("fashion-mnist", "learned mlp 784→32", "model ab12, step 0.1", 20.04, 19.456)));
    String md = MarkdownReport.render(RUN, s, "bench/rd.csv", "bench/rd.html");
    assertThat(md)
        .startsWith(MarkdownReport.beginMarker("fashion-mnist", DAY))
        .contains("## Rate–distortion: fashion-mnist test set (2025-03-14)")
        .contains("`./latentwire bench rd --data all`")
        .contains("nproc 2, Test CPU")
        .contains("before: 0.10 0.20 0.30; after: 0.40 0.50 0.60")
        .contains("| uint8 + zstd | level 3 | 475.3 | ∞ | 0 | 123,000 | 98,800 | 475 B, ∞ |")
        .contains("| **learned mlp 784→32** | model ab12, step 0.1 | 20.0 | 19.46 | 0.250 |")
        .contains(
            "median of 3 timed passes after warm-up; a pass runs the test records, repeated until it lasts at least 250 ms")
        .endsWith(MarkdownReport.endMarker("fashion-mnist", DAY) + "\n");
  }

  @Test
  void shouldReplaceTheSectionOfTheSameDayAndKeepEverythingElse() throws Exception {
    Path doc = dir.resolve("docs/BENCHMARKS.md");
    Files.createDirectories(doc.getParent());
    Files.writeString(doc, "# Benchmarks\n\nHand-written intro.\n");
    MarkdownReport.upsert(
        doc,
        "a",
        DAY,
        "<!-- bench-rd:a:2025-03-14 begin -->\nfirst\n" + "<!-- bench-rd:a:2025-03-14 end -->\n");
    MarkdownReport.upsert(
        doc,
        "b",
        DAY,
        "<!-- bench-rd:b:2025-03-14 begin -->\nother\n" + "<!-- bench-rd:b:2025-03-14 end -->\n");
    MarkdownReport.upsert(
        doc,
        "a",
        DAY,
        "<!-- bench-rd:a:2025-03-14 begin -->\nsecond\n" + "<!-- bench-rd:a:2025-03-14 end -->\n");
    String text = Files.readString(doc);
    assertThat(text)
        .startsWith("# Benchmarks\n\nHand-written intro.\n")
        .contains("second")
        .doesNotContain("first")
        .contains("other");
    assertThat(text.indexOf("second")).isLessThan(text.indexOf("other"));
  }

  @Test
  void shouldRefuseADocumentWithABeginMarkerButNoEnd() throws Exception {
    Path doc = dir.resolve("B.md");
    Files.writeString(doc, "# B\n" + MarkdownReport.beginMarker("a", DAY) + "\nhalf\n");
    assertThatThrownBy(() -> MarkdownReport.upsert(doc, "a", DAY, "x"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("no '" + MarkdownReport.endMarker("a", DAY) + "'");
  }

  @Test
  void shouldMergeCsvRowsReplacingOnlyTheDataSetsOfTheRun() {
    Path csv = dir.resolve("bench/rd.csv");
    RdRow a1 = row("a", "PCA", "16 coefficients × 8 bit, fit on train", 16, 17.01);
    RdRow b1 = row("b", "float16 + zstd", "level \"19\"", 667, 81.8);
    CsvReport.merge(csv, DAY, List.of(a1, b1));
    RdRow a2 = row("a", "uint8 + zstd", "level 3", 475, Double.POSITIVE_INFINITY);
    CsvReport.merge(csv, DAY, List.of(a2));
    List<RdRow> back = CsvReport.read(csv);
    assertThat(back).hasSize(2);
    assertThat(back.get(0).params()).isEqualTo("level \"19\"");
    assertThat(back.get(1).psnrDb()).isInfinite();
    assertThat(back.get(1).codec()).isEqualTo("uint8 + zstd");
    assertThat(back.get(1).encodeRecordsPerSecond()).isEqualTo(123_456.7);
  }

  @Test
  void shouldRefuseToMergeIntoACsvWithAnotherHeader() throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    assertThatThrownBy(() -> CsvReport.merge(csv, DAY, List.of()))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("header");
  }

  @Test
  void shouldWriteMarkdownCsvHtmlAndAPlotPerDataSet() throws Exception {
    Path doc = dir.resolve("docs/BENCHMARKS.md");
    RdSection s =
        section(
            "fashion-mnist",
            List.of(
                row("fashion-mnist", "uint8 + zstd", "level 3", 475, Double.POSITIVE_INFINITY),
                row("fashion-mnist", "PCA", "16 coefficients × 8 bit, fit on train", 16, 17),
                row("fashion-mnist", "learned mlp 784→32", "model ab, step 0.1", 20, 19.5)));
    RdReportWriter.Written w = RdReportWriter.write(RUN, List.of(s), doc);
    assertThat(w.csv()).hasFileName("rd-2025-03-14.csv").exists();
    assertThat(w.html()).exists();
    assertThat(w.warnings()).isEmpty();
    assertThat(w.plots()).hasSize(1);
    assertThat(Files.size(w.plots().get(0))).isGreaterThan(1000);
    assertThat(javax.imageio.ImageIO.read(w.plots().get(0).toFile()).getWidth())
        .isEqualTo(RdPlot.WIDTH);
    assertThat(Files.readString(doc))
        .startsWith("# Benchmarks")
        .contains("Rows as CSV: `bench/rd-2025-03-14.csv`");
    assertThat(Files.readString(w.html())).contains("rd-2025-03-14-fashion-mnist.png");
  }

  @Test
  void shouldFormatFiguresForReading() {
    assertThat(Figures.rate(123_456.7)).isEqualTo("123,000");
    assertThat(Figures.rate(4_567.8)).isEqualTo("4,570");
    assertThat(Figures.psnr(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    assertThat(Figures.error(0.000244140625)).isEqualTo("0.000244");
    assertThat(RdPlot.shortLabel(row("x", "PCA", "32 coefficients × 8 bit, fit", 32, 18)))
        .isEqualTo("32");
    assertThat(RdPlot.shortLabel(row("x", "uint8 + zstd", "level 19", 32, 18))).isEqualTo("L19");
  }
}
