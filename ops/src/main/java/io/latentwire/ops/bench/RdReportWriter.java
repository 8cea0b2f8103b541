package io.latentwire.ops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's sections everywhere they go: into the Markdown document (e.g. {@code
 * docs/BENCHMARKS.md}), and beside it in {@code bench/}: the day's CSV ({@code rd-<date>.csv}), a
 * PNG plot per data set and an HTML page showing them, both drawn from the merged CSV so they cover
 * every data set measured that day.
 */
public final class RdReportWriter {
  private RdReportWriter() {}

  /**
   * What was written.
   *
   * @param warnings problems that cost an optional output (a plot), never the tables
   */
  public record Written(
      Path markdown, Path csv, Path html, List<Path> plots, List<String> warnings) {
    public Written {
      plots = List.copyOf(plots);
      warnings = List.copyOf(warnings);
    }
  }

  /** Writes {@code sections} of {@code run}; {@code markdown} is created when absent. */
  public static Written write(RunInfo run, List<RdSection> sections, Path markdown) {
    Path doc = markdown.toAbsolutePath().normalize();
    Path benchDir = doc.getParent().resolve("bench");
    String stem = "rd-" + run.date();
    Path csv = benchDir.resolve(stem + ".csv");
    Path html = benchDir.resolve(stem + ".html");

    List<RdRow> rows = new ArrayList<>();
    sections.forEach(s -> rows.addAll(s.rows()));
    CsvReport.merge(csv, run.date(), rows);

    Map<String, List<RdRow>> byDataSet = new LinkedHashMap<>();
    for (RdRow r : CsvReport.read(csv)) {
      byDataSet.computeIfAbsent(r.dataSet(), k -> new ArrayList<>()).add(r);
    }
    List<Path> plots = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, String> plotNames = new LinkedHashMap<>();
    for (Map.Entry<String, List<RdRow>> e : byDataSet.entrySet()) {
      String name = stem + "-" + e.getKey() + ".png";
      Path png = benchDir.resolve(name);
      try {
        RdPlot.write(
            png, e.getKey() + ", " + run.date() + ": bytes per record vs PSNR", e.getValue());
        plots.add(png);
        plotNames.put(e.getKey(), name);
      } catch (RuntimeException | LinkageError | java.awt.AWTError ex) {
        // A JDK without working AWT (no fonts, no libawt) still gets its tables.
        warnings.add("no plot for " + e.getKey() + ": " + ex);
      }
    }
    HtmlReport.write(html, run.date(), byDataSet, plotNames);

    String csvLink = doc.getParent().relativize(csv).toString();
    String htmlLink = doc.getParent().relativize(html).toString();
    for (RdSection s : sections) {
      MarkdownReport.upsert(
          doc, s.dataSet(), run.date(), MarkdownReport.render(run, s, csvLink, htmlLink));
    }
    return new Written(doc, csv, html, plots, warnings);
  }
}
