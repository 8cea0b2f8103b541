package io.latentwire.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders report sections as Markdown and puts them into a document such as {@code
 * docs/BENCHMARKS.md}: a section of the same data set and date is replaced in place, any other is
 * appended, and the rest of the document is left as it was. Sections are delimited by HTML comment
 * markers, so editing the prose around them is safe.
 */
public final class MarkdownReport {
  static final String NEW_DOCUMENT =
      "# Benchmarks\n\n"
          + "Written by `./latentwire bench …`. Each section is one data set measured on one day; a"
          + " later run on the same day replaces its section, other sections stay as history.\n";

  private MarkdownReport() {}

  /** The marker line that opens the section of {@code dataSet} on {@code date}. */
  static String beginMarker(String dataSet, java.time.LocalDate date) {
    return "<!-- bench-rd:" + dataSet + ":" + date + " begin -->";
  }

  static String endMarker(String dataSet, java.time.LocalDate date) {
    return "<!-- bench-rd:" + dataSet + ":" + date + " end -->";
  }

  /**
   * The Markdown of one section, markers included.
   *
   * @param csvLink path of the CSV file as the document should link it
   * @param htmlLink path of the HTML report as the document should link it, or {@code null}
   */
  public static String render(RunInfo run, RdSection s, String csvLink, String htmlLink) {
    StringBuilder md = new StringBuilder();
    md.append(beginMarker(s.dataSet(), run.date())).append('\n');
    md.append("## Rate–distortion: ").append(s.title()).append(" (").append(run.date());
    md.append(")\n\n");
    md.append("Command: `").append(run.commandLine()).append("`  \n");
    md.append("Machine: ").append(run.machine().summary()).append("  \n");
    md.append("Load average (1, 5, 15 min) before: ")
        .append(s.loadBefore())
        .append("; after: ")
        .append(s.loadAfter())
        .append(". What else ran on the machine meanwhile is unknown.\n\n");
    md.append(s.description()).append("\n\n");
    Timing t = run.timing();
    md.append(
        String.format(
            Locale.ROOT,
            "Each record is compressed alone: one payload per record, decodable on its own;"
                + " bytes/record is the mean payload size, headers included. Max abs error is"
                + " relative to the feature's range. Speeds: records/s on one thread, median of %d"
                + " timed pass%s after warm-up; a pass runs the test records, repeated until it"
                + " lasts at least %d ms. The learned codec runs ONNX Runtime on one thread, %d"
                + " records per network run.\n",
            t.timedPasses(),
            t.timedPasses() == 1 ? "" : "es",
            t.minPass().toMillis(),
            run.learnedBatch()));
    for (String note : s.notes()) {
      md.append('\n').append(note).append('\n');
    }
    md.append('\n');
    boolean refs = !s.references().isEmpty();
    md.append(
        "| codec | parameters | bytes/record | PSNR dB | max abs error | encode rec/s | decode"
            + " rec/s |");
    md.append(refs ? " ANCHORS.md (bytes, PSNR, max err) |\n" : "\n");
    md.append("|---|---|--:|--:|--:|--:|--:|").append(refs ? "---|\n" : "\n");
    for (RdRow r : s.rows()) {
      boolean learned = r.kind() == CodecUnderTest.Kind.LEARNED;
      md.append("| ")
          .append(learned ? "**" + r.codec() + "**" : r.codec())
          .append(" | ")
          .append(r.params())
          .append(" | ")
          .append(Figures.bytes(r.bytesPerRecord()))
          .append(" | ")
          .append(Figures.psnr(r.psnrDb()))
          .append(" | ")
          .append(Figures.error(r.maxAbsError()))
          .append(" | ")
          .append(Figures.rate(r.encodeRecordsPerSecond()))
          .append(" | ")
          .append(Figures.rate(r.decodeRecordsPerSecond()))
          .append(" |");
      if (refs) {
        String ref = s.referenceFor(r);
        md.append(' ').append(ref == null ? "" : ref).append(" |");
      }
      md.append('\n');
    }
    md.append("\nRows as CSV: `").append(csvLink).append('`');
    if (htmlLink != null) {
      md.append("; plot of bytes against PSNR: `").append(htmlLink).append('`');
    }
    md.append(".\n");
    md.append(endMarker(s.dataSet(), run.date())).append('\n');
    return md.toString();
  }

  /**
   * Replaces or appends the section of {@code dataSet} on {@code date} in {@code document} (created
   * when absent).
   *
   * @throws BenchException if the document cannot be read or written, or holds a begin marker
   *     without its end marker
   */
  public static void upsert(
      Path document, String dataSet, java.time.LocalDate date, String sectionMarkdown) {
    String begin = beginMarker(dataSet, date);
    String end = endMarker(dataSet, date);
    try {
      List<String> lines =
          Files.exists(document)
              ? new ArrayList<>(Files.readAllLines(document, StandardCharsets.UTF_8))
              : new ArrayList<>(List.of(NEW_DOCUMENT.split("\n", -1)));
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
      List<String> section = List.of(sectionMarkdown.stripTrailing().split("\n", -1));
      int from = lines.indexOf(begin);
      if (from >= 0) {
        int to = lines.subList(from, lines.size()).indexOf(end);
        if (to < 0) {
          throw new BenchException(
              document
                  + " has the line '"
                  + begin
                  + "' but no '"
                  + end
                  + "' after it; fix the"
                  + " document (restore the end marker or remove the partial section)");
        }
        lines.subList(from, from + to + 1).clear();
        lines.addAll(from, section);
      } else {
        lines.add("");
        lines.addAll(section);
      }
      Path dir = document.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.writeString(document, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchException("cannot update " + document + ": " + e, e);
    }
  }
}
