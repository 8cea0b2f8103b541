package io.latentwire.trainer.report;

import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.TrainerException;
import io.latentwire.trainer.rd.ImageShape;
import io.latentwire.trainer.report.chart.Png;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link TrainingReport} as a static HTML page ({@value #PAGE}) and its PNG figures into
 * one directory. The page links the images relatively, so the directory can be moved or served as
 * is; it needs no JavaScript (one small script only records, in a {@code data-images-loaded}
 * attribute of {@code <body>}, how many images loaded, for automated checks). Every figure's key
 * numbers are in the page as text too, each exact value in a {@code data-value} attribute.
 *
 * <p>Stateless; safe to share.
 */
public final class ReportWriter {
  /** The page's file name inside the report directory. */
  public static final String PAGE = "report.html";

  /** Validation rows the per-feature table lists, worst first. */
  static final int WORST_FEATURES = 10;

  /**
   * The report directory of a bundle file: {@code M.lwm} → {@code M.report} beside it (a name
   * without the {@code .lwm} extension just gets {@code .report} appended).
   */
  public static Path directoryFor(Path bundleFile) {
    Path abs = bundleFile.toAbsolutePath();
    String name = abs.getFileName().toString();
    String base = name.endsWith(".lwm") ? name.substring(0, name.length() - 4) : name;
    return abs.resolveSibling(base + ".report");
  }

  /**
   * Writes the page and figures into {@code dir} (created if missing; files of an earlier report
   * there are replaced).
   *
   * <p>When the report has a sample, the bundle is run through the codec at its default operating
   * point on it (ONNX Runtime, CPU; a few seconds for a thousand rows).
   *
   * @return the page's path
   * @throws TrainerException naming the file when something cannot be written
   */
  public Path write(TrainingReport report, Path dir) {
    // Drawing needs no display; say so before AWT starts, unless the caller chose otherwise.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    try {
      Files.createDirectories(dir);
      Page page = new Page(report, dir);
      String html = page.render();
      Path file = dir.resolve(PAGE);
      Files.writeString(file, html, StandardCharsets.UTF_8);
      return file;
    } catch (IOException | UncheckedIOException e) {
      throw new TrainerException("cannot write the training report in " + dir + ": " + e, e);
    }
  }

  /** One page being written: figures go to disk as the HTML refers to them. */
  private static final class Page {
    private final TrainingReport report;
    private final Manifest m;
    private final Path dir;
    private final Html h = new Html();

    Page(TrainingReport report, Path dir) {
      this.report = report;
      this.m = report.bundle().manifest();
      this.dir = dir;
    }

    String render() {
      ModelBundle b = report.bundle();
      h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
          .text("latentwire training report " + b.id().shortHex())
          .raw("</title>\n<style>")
          .raw(STYLE)
          .raw("</style></head>\n<body>\n")
          .element("h1", "Training report: model " + b.id().shortHex());
      h.raw("<p>")
          .text(
              String.format(
                  Locale.ROOT,
                  "Model %s, %s, %d features → %d latent values, trained on %s. %d operating"
                      + " points; default %d (%s).",
                  b.id().hex(),
                  m.architecture(),
                  m.inputSize(),
                  m.latentSize(),
                  report.dataSource(),
                  m.operatingPoints().size(),
                  m.defaultOperatingPoint(),
                  m.defaultPoint().name()))
          .raw("</p>\n");
      if (m.defaultMaxAbsError() != null) {
        // Encoders apply this bound when not given one; the ladder figures are without it.
        h.raw("<p id=\"default-bound\" data-spec=\"")
            .text(m.defaultMaxAbsError())
            .raw("\">")
            .text(
                "Default error bound (train --max-abs-error): every value within "
                    + m.defaultMaxAbsError()
                    + " unless an encoder is given another bound or none."
                    + metricText(m, "val.bounded.payload.bytes.mean", " Validation: %.1f B/record")
                    + metricText(m, "val.bounded.max_abs_error", ", max abs error %.4g."))
            .raw("</p>\n");
      }
      training();
      ladder();
      FeatureErrors errors = report.sample() == null ? null : features();
      if (errors != null && report.image() != null) {
        images(errors, report.image());
      }
      manifest();
      h.raw(IMAGE_CHECK).raw("</body></html>\n");
      return h.toString();
    }

    private void png(BufferedImage img, String file) {
      Png.write(img, dir.resolve(file));
    }

    /** {@code format} applied to a manifest metric, or nothing when the manifest lacks it. */
    private static String metricText(
        io.latentwire.codec.model.Manifest m, String key, String format) {
      Double v = m.metrics().get(key);
      return v == null ? "" : String.format(Locale.ROOT, format, v);
    }

    private void training() {
      h.element("h2", "Training");
      List<EpochRow> hist = report.history();
      if (hist.isEmpty()) {
        h.element("p", "No per-epoch history was recorded.");
        return;
      }
      EpochRow last = hist.get(hist.size() - 1);
      png(ReportCharts.loss(hist), "loss.png");
      h.figure(
          "loss.png",
          "loss per epoch",
          String.format(
              Locale.ROOT,
              "Mean squared error per value in normalised units, per epoch. Final: train %s,"
                  + " validation %s after %d epochs.",
              Html.num(last.trainMse()),
              Html.num(last.validationMse()),
              last.epoch()));
      boolean hasPsnr = hist.stream().anyMatch(r -> Double.isFinite(r.validationPsnrDb()));
      if (hasPsnr) {
        png(ReportCharts.psnr(hist), "psnr.png");
        h.figure(
            "psnr.png",
            "validation PSNR per epoch",
            "Validation PSNR per epoch, −10·log10(validation MSE), unquantized latent. Final: "
                + Html.fixed(last.validationPsnrDb(), 2)
                + " dB. For uint8 data this is the image PSNR; for standardised features a"
                + " signal-to-noise figure.");
      }
      boolean hasRate = hist.stream().anyMatch(r -> Double.isFinite(r.validationRateBits()));
      h.raw("<table id=\"history\"><tr><th>epoch</th><th>train objective</th>")
          .raw("<th>train MSE/value</th><th>validation MSE/value</th>")
          .raw("<th>validation PSNR dB</th>")
          .raw(hasRate ? "<th>validation bits/record</th>" : "")
          .raw("<th>seconds</th></tr>\n");
      for (EpochRow r : hist) {
        h.raw("<tr data-epoch=\"" + r.epoch() + "\"><td>" + r.epoch() + "</td>")
            .numberCell(r.trainLoss(), Html.num(r.trainLoss()))
            .numberCell(r.trainMse(), Html.num(r.trainMse()))
            .numberCell(r.validationMse(), Html.num(r.validationMse()))
            .numberCell(r.validationPsnrDb(), Html.fixed(r.validationPsnrDb(), 2));
        if (hasRate) {
          h.numberCell(r.validationRateBits(), Html.fixed(r.validationRateBits(), 1));
        }
        h.numberCell(r.elapsedSeconds(), Html.fixed(r.elapsedSeconds(), 1)).raw("</tr>\n");
      }
      h.raw("</table>\n");
    }

    private void ladder() {
      h.element("h2", "Quality ladder");
      List<LadderRow> ladder = LadderRow.of(m);
      LadderRow def = ladder.get(m.defaultOperatingPoint());
      png(ReportCharts.ladder(ladder), "ladder.png");
      h.figure(
          "ladder.png",
          "quality ladder: bytes per record against PSNR",
          String.format(
              Locale.ROOT,
              "The bundle's operating points as its manifest records them (measured on validation"
                  + " rows when it was built). Default: %s, %s bytes/record at %s dB.",
              def.name(),
              Html.fixed(def.bytesPerRecord(), 2),
              Html.fixed(def.psnrDb(), 2)));
      h.raw("<table id=\"ladder\"><tr><th>#</th><th>name</th><th>step</th>")
          .raw("<th>bytes/record</th><th>PSNR dB</th><th>max abs error</th><th></th></tr>\n");
      for (LadderRow p : ladder) {
        h.raw("<tr data-point=\"" + p.index() + "\"")
            .raw(p.isDefault() ? " data-default=\"true\" class=\"default\"" : "")
            .raw("><td>" + p.index() + "</td><td>")
            .text(p.name())
            .raw("</td>")
            .numberCell(p.step(), Html.num(p.step()))
            .numberCell(p.bytesPerRecord(), Html.fixed(p.bytesPerRecord(), 2))
            .numberCell(p.psnrDb(), Html.fixed(p.psnrDb(), 2))
            .numberCell(p.maxAbsError(), Html.num(p.maxAbsError()))
            .raw("<td>")
            .text(p.isDefault() ? "default" : "")
            .raw("</td></tr>\n");
      }
      h.raw("</table>\n");
    }

    private FeatureErrors features() {
      ValidationSample s = report.sample();
      FeatureErrors e = FeatureErrors.measure(report.bundle(), s, m.defaultOperatingPoint());
      h.element("h2", "Per-feature error");
      h.raw("<p id=\"sample-figures\" data-rows=\"" + s.rows() + "\" data-psnr-db=\"")
          .text(Double.toString(e.psnrDb()))
          .raw("\" data-max-abs-error=\"")
          .text(Double.toString(e.maxAbsError()))
          .raw("\" data-bytes-per-record=\"")
          .text(Double.toString(e.meanPayloadBytes()))
          .raw("\">")
          .text(
              String.format(
                  Locale.ROOT,
                  "%d rows (%s) encoded and decoded by the codec at the default operating point"
                      + " %d (%s): PSNR %s dB, max abs error %s, %s bytes/record.",
                  s.rows(),
                  s.origin(),
                  e.operatingPoint(),
                  m.defaultPoint().name(),
                  Html.fixed(e.psnrDb(), 2),
                  Html.num(e.maxAbsError()),
                  Html.fixed(e.meanPayloadBytes(), 2)))
          .raw("</p>\n");
      png(ReportCharts.featureErrors(e), "feature-error.png");
      h.figure(
          "feature-error.png",
          "per-feature error",
          "RMSE and largest absolute error of each feature over the sample, as a percentage of"
              + " the feature's range.");
      if (report.image() != null) {
        png(ReportCharts.errorMap(e, report.image()), "feature-error-map.png");
        h.figure(
            "feature-error-map.png",
            "per-pixel RMSE heat map",
            "The same RMSE per feature in the image's shape (raw units, channels averaged).");
      }
      List<String> names = featureNames(m, report.image());
      h.raw("<table id=\"worst-features\"><tr><th>feature</th><th>RMSE</th>")
          .raw("<th>RMSE % of range</th><th>max abs error</th><th>range</th></tr>\n");
      for (int f : e.worst(WORST_FEATURES)) {
        h.raw("<tr data-feature=\"" + f + "\"><td>")
            .text(names.get(f))
            .raw("</td>")
            .numberCell(e.rmse()[f], Html.num(e.rmse()[f]))
            .numberCell(e.rmsePercentOfRange(f), Html.fixed(e.rmsePercentOfRange(f), 2))
            .numberCell(e.maxAbs()[f], Html.num(e.maxAbs()[f]))
            .numberCell(e.range()[f], Html.num(e.range()[f]))
            .raw("</tr>\n");
      }
      h.raw("</table>\n");
      return e;
    }

    private void images(FeatureErrors e, ImageShape shape) {
      h.element("h2", "Reconstructions");
      png(ReportCharts.samples(report.sample(), e, shape, m), "samples.png");
      int n = Math.min(ReportCharts.GRID_IMAGES, report.sample().rows());
      h.figure(
          "samples.png",
          "originals over reconstructions",
          String.format(
              Locale.ROOT,
              "The first %d sample images (rows labelled original) over what the codec decodes"
                  + " from their payloads at operating point %d.",
              n,
              e.operatingPoint()));
    }

    private void manifest() {
      h.element("h2", "Manifest");
      h.element("p", "The same figures as `latentwire model show " + "MODEL.lwm` prints.");
      h.raw("<table id=\"model\">");
      row("id", report.bundle().id().hex());
      row("architecture", m.architecture());
      row("sizes", "input " + m.inputSize() + ", latent " + m.latentSize());
      if (m.schemaFingerprint() != null) {
        row("schema fingerprint", m.schemaFingerprint());
      }
      for (MappedField f : m.mapping().fields()) {
        row("field " + f.name(), f.type().name().toLowerCase(Locale.ROOT) + ", width " + f.width());
      }
      m.files().forEach((file, sha) -> row("sha-256 of " + file, sha));
      h.raw("</table>\n");
      h.element("h3", "Metrics");
      h.raw("<table id=\"metrics\">");
      for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
        h.raw("<tr data-metric=\"")
            .text(e.getKey())
            .raw("\"><td>")
            .text(e.getKey())
            .raw("</td>")
            .numberCell(e.getValue(), Double.toString(e.getValue()))
            .raw("</tr>\n");
      }
      h.raw("</table>\n");
      h.element("h3", "Provenance");
      h.raw("<table id=\"provenance\">");
      for (Map.Entry<String, String> e : m.provenance().entrySet()) {
        h.raw("<tr data-provenance=\"")
            .text(e.getKey())
            .raw("\"><td>")
            .text(e.getKey())
            .raw("</td><td>")
            .text(e.getValue())
            .raw("</td></tr>\n");
      }
      h.raw("</table>\n");
    }

    private void row(String key, String value) {
      h.raw("<tr><td>").text(key).raw("</td><td>").text(value).raw("</td></tr>\n");
    }
  }

  /** A readable name per feature: the field, with index (or row and column for images). */
  static List<String> featureNames(Manifest m, ImageShape image) {
    List<String> names = new ArrayList<>(m.inputSize());
    for (MappedField f : m.mapping().fields()) {
      for (int i = 0; i < f.width(); i++) {
        if (f.width() == 1) {
          names.add(f.name());
        } else if (image != null && m.mapping().fields().size() == 1) {
          int pixel = i / image.channels();
          names.add(
              String.format(
                  Locale.ROOT,
                  "%s[%d] (row %d, column %d%s)",
                  f.name(),
                  i,
                  pixel / image.width(),
                  pixel % image.width(),
                  image.channels() > 1 ? ", channel " + i % image.channels() : ""));
        } else {
          names.add(f.name() + "[" + i + "]");
        }
      }
    }
    return names;
  }

  private static final String STYLE =
      "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}"
          + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums}"
          + "tr.default{background:#fde2e2;font-weight:bold}"
          + "figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}"
          + "figcaption{color:#555;font-size:90%}";

  /**
   * Records how many images loaded, for automated checks (a headless browser dumping the DOM); the
   * page is complete without it.
   */
  private static final String IMAGE_CHECK =
      "<script>window.addEventListener('load',function(){var i=document.images,ok=0;"
          + "for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0){ok++;}}"
          + "document.body.setAttribute('data-images-loaded',ok+'/'+i.length);});</script>\n";
}
