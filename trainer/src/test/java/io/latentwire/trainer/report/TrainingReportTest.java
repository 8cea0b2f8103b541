package io.latentwire.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.trainer.SensorCsv;
import io.latentwire.trainer.cli.TrainCommand;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Trains a tiny image model through {@code latentwire train} once, then checks the report it
 * writes: the files, the figures in the page against the manifest, and — in headless Chromium —
 * that every image of the page loads.
 */
class TrainingReportTest {
  private static final List<String> IMAGE_FIGURES =
      List.of(
          "loss.png",
          "psnr.png",
          "ladder.png",
          "feature-error.png",
          "feature-error-map.png",
          "samples.png");

  @TempDir static Path dir;
  private static Path page;
  private static ModelBundle bundle;
  private static String printed;

  private record Run(int exit, String out, String err) {}

  private static Run train(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new TrainCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void trainATinyImageModel() throws Exception {
    Path idx = BlobImages.writeIdx(dir, 300, 10, 12, 7);
    Path model = dir.resolve("blobs.lwm");
    Run r =
        train(
            "--data",
            idx.toString(),
            "--out",
            model.toString(),
            "--latent",
            "4",
            "--epochs",
            "3",
            "--hidden",
            "32");
    assertThat(r.exit()).as(r.err()).isZero();
    printed = r.out();
    bundle = ModelBundle.read(model);
    page = dir.resolve("blobs.report").resolve(ReportWriter.PAGE);
  }

  @Test
  void shouldPrintWhereTheReportIsAndWriteEveryFigureBesideIt() throws Exception {
    assertThat(printed).contains("report written to " + page.toAbsolutePath());
    for (String f : IMAGE_FIGURES) {
      BufferedImage img = ImageIO.read(page.resolveSibling(f).toFile());
      assertThat(img).as(f).isNotNull();
      assertThat(img.getWidth()).as(f).isGreaterThan(100);
    }
    assertThat(Files.readString(page)).contains("src=\"ladder.png\"").doesNotContain("src=\"/");
  }

  @Test
  void shouldListTheLadderExactlyAsTheManifestHasIt() throws Exception {
    assertLadderMatches(Files.readString(page), bundle.manifest());
  }

  @Test
  void shouldListEveryManifestMetricWithItsExactValue() throws Exception {
    Map<String, String> shown = metrics(Files.readString(page));
    Map<String, String> expected = new LinkedHashMap<>();
    bundle.manifest().metrics().forEach((k, v) -> expected.put(k, Double.toString(v)));
    assertThat(shown).isEqualTo(expected);
    assertThat(Files.readString(page))
        .contains("data-provenance=\"data.fingerprint.sha256\"")
        .contains(bundle.manifest().provenance().get("data.fingerprint.sha256"))
        .contains(bundle.manifest().files().get(ModelBundle.ENCODER));
  }

  @Test
  void shouldHaveOneHistoryRowPerTrainedEpoch() throws Exception {
    String html = Files.readString(page);
    int epochs = bundle.manifest().metrics().get("train.epochs").intValue();
    assertThat(count(html, "<tr data-epoch=")).isEqualTo(epochs);
  }

  @Test
  void shouldLoadEveryImageAndShowTheManifestFiguresInABrowser() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    String dom = chromium.dumpDom(page, Files.createDirectories(dir.resolve("browser")));
    int images = count(dom, "<img ");
    assertThat(images).isEqualTo(IMAGE_FIGURES.size());
    assertThat(dom).contains("data-images-loaded=\"" + images + "/" + images + "\"");
    assertLadderMatches(dom, bundle.manifest());
    Map<String, String> expected = new LinkedHashMap<>();
    bundle.manifest().metrics().forEach((k, v) -> expected.put(k, Double.toString(v)));
    assertThat(metrics(dom)).isEqualTo(expected);
  }

  @Test
  void shouldCountAMissingImageAsNotLoaded() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    Path copy = Files.createDirectories(dir.resolve("broken"));
    Path broken = copy.resolve(ReportWriter.PAGE);
    Files.writeString(broken, Files.readString(page));
    for (String f : IMAGE_FIGURES) {
      if (!f.equals("ladder.png")) {
        Files.copy(page.resolveSibling(f), copy.resolve(f));
      }
    }
    String dom = chromium.dumpDom(broken, Files.createDirectories(dir.resolve("browser2")));
    int n = IMAGE_FIGURES.size();
    assertThat(dom).contains("data-images-loaded=\"" + (n - 1) + "/" + n + "\"");
  }

  @Test
  void shouldLeaveOutImageSectionsForTabularData() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("sensors.csv"), 300, 5);
    Path model = dir.resolve("sensors.lwm");
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
    Path report = dir.resolve("sensors.report");
    assertThat(report.resolve("feature-error.png")).exists();
    assertThat(report.resolve("samples.png")).doesNotExist();
    assertThat(report.resolve("feature-error-map.png")).doesNotExist();
    String html = Files.readString(report.resolve(ReportWriter.PAGE));
    assertThat(html).contains("<td>t1</td>").doesNotContain("samples.png");
    assertLadderMatches(html, ModelBundle.read(model).manifest());
  }

  @Test
  void shouldShowThePerFeatureErrorTheCodecMeasuresOnTheSample() throws Exception {
    Path idx = dir.resolve("blobs-images-idx3-ubyte");
    TrainingReport r;
    try (io.latentwire.codec.dataset.Dataset ds = io.latentwire.codec.dataset.Datasets.open(idx)) {
      var mapping = bundle.manifest().mapping();
      List<float[]> rows = new ArrayList<>();
      for (var it = ds.iterator(); it.hasNext() && rows.size() < TrainingReport.SAMPLE_ROWS; ) {
        rows.add(mapping.extract(it.next()));
      }
      float[] raw = new float[rows.size() * mapping.width()];
      for (int i = 0; i < rows.size(); i++) {
        System.arraycopy(rows.get(i), 0, raw, i * mapping.width(), mapping.width());
      }
      r =
          TrainingReport.fromTraining(
              bundle,
              List.of(),
              ds.schema(),
              new ValidationSample(raw, rows.size(), mapping.width(), "first rows of the file"),
              idx.getFileName().toString());
    }
    FeatureErrors e =
        FeatureErrors.measure(bundle, r.sample(), bundle.manifest().defaultOperatingPoint());
    // The pooled figures are the per-feature ones put together the way FidelityMeter pools them.
    double sumRelSq = 0;
    double max = 0;
    for (int f = 0; f < e.rmse().length; f++) {
      sumRelSq += Math.pow(e.rmse()[f] / e.range()[f], 2);
      max = Math.max(max, e.maxAbs()[f]);
    }
    assertThat(10 * Math.log10(e.rmse().length / sumRelSq)).isCloseTo(e.psnrDb(), within(1e-6));
    assertThat(max).isEqualTo(e.maxAbsError());
    // And the page shows exactly what the codec measures on the report's sample.
    String html = Files.readString(new ReportWriter().write(r, dir.resolve("drawn-sample.report")));
    assertThat(html)
        .contains("data-rows=\"" + r.sample().rows() + "\"")
        .contains("data-psnr-db=\"" + e.psnrDb() + "\"")
        .contains("data-max-abs-error=\"" + e.maxAbsError() + "\"");
    assertThat(r.image()).isEqualTo(new io.latentwire.trainer.rd.ImageShape(10, 12, 1));
    // The trainer's own report measures on the rows it held out, never on training rows.
    assertThat(Files.readString(page)).contains("validation rows held out by the trainer");
  }

  @Test
  void shouldKeepTheBundleAndWarnWhenTheReportCannotBeWritten() throws Exception {
    Path csv = SensorCsv.write(dir.resolve("s2.csv"), 200, 6);
    Files.writeString(dir.resolve("blocked.report"), "a file where the report directory goes");
    Path model = dir.resolve("blocked.lwm");
    Run r =
        train(
            "--data",
            csv.toString(),
            "--out",
            model.toString(),
            "--latent",
            "2",
            "--epochs",
            "1",
            "--hidden",
            "8");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(ModelBundle.read(model).manifest().inputSize()).isEqualTo(8);
    assertThat(r.err()).contains("warning: no training report").contains("blocked.report");
    assertThat(r.out()).doesNotContain("report written");
  }

  @Test
  void shouldPutTheReportDirectoryBesideTheBundle() {
    assertThat(ReportWriter.directoryFor(Path.of("/m/fashion.lwm")))
        .isEqualTo(Path.of("/m/fashion.report"));
    assertThat(ReportWriter.directoryFor(Path.of("/m/model")))
        .isEqualTo(Path.of("/m/model.report"));
  }

  private static final Pattern LADDER_ROW =
      Pattern.compile("<tr data-point=\"(\\d+)\"( data-default=\"true\")?[^>]*>(.*?)</tr>");
  private static final Pattern VALUE = Pattern.compile("data-value=\"([^\"]*)\"");
  private static final Pattern METRIC =
      Pattern.compile("<tr data-metric=\"([^\"]+)\">.*?data-value=\"([^\"]*)\"");

  /** The step, bytes, PSNR and max error cells of each ladder row equal the manifest's. */
  private static void assertLadderMatches(String html, Manifest m) {
    Matcher row = LADDER_ROW.matcher(html);
    int rows = 0;
    while (row.find()) {
      int i = Integer.parseInt(row.group(1));
      OperatingPoint p = m.operatingPoints().get(i);
      List<Double> values = new ArrayList<>();
      Matcher v = VALUE.matcher(row.group(3));
      while (v.find()) {
        values.add(Double.parseDouble(v.group(1)));
      }
      assertThat(values)
          .as("ladder row %d", i)
          .containsExactly(
              (double) p.step(),
              p.metrics().get(LadderRow.BYTES_KEY),
              p.metrics().get(LadderRow.PSNR_KEY),
              p.metrics().get(LadderRow.MAX_ABS_KEY));
      assertThat(row.group(2) != null)
          .as("default flag of row %d", i)
          .isEqualTo(i == m.defaultOperatingPoint());
      rows++;
    }
    assertThat(rows).isEqualTo(m.operatingPoints().size());
  }

  private static Map<String, String> metrics(String html) {
    Map<String, String> shown = new LinkedHashMap<>();
    Matcher mm = METRIC.matcher(html);
    while (mm.find()) {
      shown.put(mm.group(1), mm.group(2));
    }
    return shown;
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
