package io.latentwire.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A self-contained HTML page of one day's rows: a plot and a table per data set. */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Writes the page.
   *
   * @param plots data set id → PNG file name relative to the page (data sets without one get no
   *     image)
   */
  public static void write(
      Path file,
      java.time.LocalDate date,
      Map<String, List<RdRow>> rowsByDataSet,
      Map<String, String> plots) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    h.append("<title>latentwire rate–distortion ").append(date).append("</title>\n");
    h.append(
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:3px 8px}td.n{text-align:right}"
            + "tr.learned{font-weight:bold}</style>\n");
    h.append("</head><body>\n<h1>Rate–distortion, ").append(date).append("</h1>\n");
    h.append(
        "<p>Each record compressed alone. Method, machine and command line: see"
            + " <code>docs/BENCHMARKS.md</code>.</p>\n");
    for (Map.Entry<String, List<RdRow>> e : rowsByDataSet.entrySet()) {
      h.append("<h2>").append(esc(e.getKey())).append("</h2>\n");
      String png = plots.get(e.getKey());
      if (png != null) {
        h.append("<p><img src=\"")
            .append(esc(png))
            .append("\" alt=\"bytes per record against PSNR, ")
            .append(esc(e.getKey()))
            .append("\" width=\"")
            .append(RdPlot.WIDTH)
            .append("\"></p>\n");
      }
      h.append(
          "<table><tr><th>codec</th><th>parameters</th><th>bytes/record</th><th>PSNR dB</th>"
              + "<th>max abs error</th><th>encode rec/s</th><th>decode rec/s</th></tr>\n");
      for (RdRow r : e.getValue()) {
        h.append(r.kind() == CodecUnderTest.Kind.LEARNED ? "<tr class=\"learned\">" : "<tr>")
            .append("<td>")
            .append(esc(r.codec()))
            .append("</td><td>")
            .append(esc(r.params()))
            .append("</td><td class=\"n\">")
            .append(Figures.bytes(r.bytesPerRecord()))
            .append("</td><td class=\"n\">")
            .append(Figures.psnr(r.psnrDb()))
            .append("</td><td class=\"n\">")
            .append(Figures.error(r.maxAbsError()))
            .append("</td><td class=\"n\">")
            .append(Figures.rate(r.encodeRecordsPerSecond()))
            .append("</td><td class=\"n\">")
            .append(Figures.rate(r.decodeRecordsPerSecond()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body></html>\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, h, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchException("cannot write " + file + ": " + e, e);
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
