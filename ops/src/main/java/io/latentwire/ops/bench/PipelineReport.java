package io.latentwire.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a pipeline benchmark run as a Markdown section (printed to the terminal as it is) and
 * puts it into a document such as {@code docs/BENCHMARKS.md}: the section of the same data set and
 * date is replaced in place, anything else in the document is kept as it was.
 */
public final class PipelineReport {
  /** The targets. */
  static final double MIN_ENCODE_TO_IDENTITY = 0.5;

  static final double MAX_LATENT_TO_RAW = 0.1;
  static final long MAX_P99_MILLIS = 100;
  static final int P99_TARGET_RATE = 5000;

  private PipelineReport() {}

  static String beginMarker(String dataSet, LocalDate date) {
    return "<!-- bench-pipeline:" + dataSet + ":" + date + " begin -->";
  }

  static String endMarker(String dataSet, LocalDate date) {
    return "<!-- bench-pipeline:" + dataSet + ":" + date + " end -->";
  }

  /**
   * The section, markers included.
   *
   * @param commandLine the command as typed
   * @param machine where it ran
   */
  public static String render(
      PipelineFigures f, LocalDate date, String commandLine, MachineFacts machine) {
    StringBuilder md = new StringBuilder();
    md.append(beginMarker(f.dataSet(), date)).append('\n');
    md.append("## Pipeline: ").append(f.dataSet()).append(" (").append(date).append(")\n\n");
    md.append("Command: `").append(commandLine).append("`  \n");
    md.append("Machine: ").append(machine.summary()).append("  \n");
    md.append("`uptime` before: ").append(f.loadBefore()).append("  \n");
    md.append("`uptime` after: ").append(f.loadAfter()).append("  \n");
    md.append(
        String.format(
            Locale.ROOT,
            "Records: %,d per throughput run, %d partition%s per topic; the run took %.0f s (model"
                + " training excluded). What else ran on the machine meanwhile is unknown.\n\n",
            f.records(),
            f.partitions(),
            f.partitions() == 1 ? "" : "s",
            f.seconds()));
    md.append(f.description()).append(" Model: ").append(f.model()).append(".\n\n");
    md.append(
        "One JVM holds the embedded KRaft broker and schema registry (127.0.0.1), the producer,"
            + " the apps and the consumer that reads their output (read_committed). Every app runs"
            + " exactly_once_v2 with one stream thread, commit.interval.ms 100 unless said"
            + " otherwise, and zstd on its producer; the raw topic is produced with zstd. The"
            + " identity topology decodes and re-encodes each record through the same serde path"
            + " as the pipeline, without a model. The topologies run one after the other in the"
            + " order of the table; the first identity pass warms up the JVM (class loading, JIT)"
            + " and is shown but not compared.\n\n");

    md.append("### Throughput (input preloaded, each topology alone over all of it)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%d round%s: each round runs identity, encode and decode once, in this order, on"
                + " fresh output topics; figures are medians over rounds, each round's own in"
                + " brackets. The ratio to identity is the median of each round's ratio.\n\n",
            f.rounds(),
            f.rounds() == 1 ? "" : "s"));
    md.append(
        "| topology | topics (round 1) | outputs / inputs per round | rec/s first→last output |"
            + " rec/s wall incl. start-up | first→last vs identity | inference batches (round"
            + " 1) |\n");
    md.append("|---|---|--:|--:|--:|--:|---|\n");
    throughputRow(md, List.of(f.warmUp()), null);
    throughputRow(md, f.identity(), f.identity());
    throughputRow(md, f.encode(), f.identity());
    throughputRow(md, f.decode(), f.identity());

    PipelineFigures.LogSizes logs = f.logs();
    md.append("\n### Bytes in each topic's log (`TopicAdmin.logSizeBytes`)\n\n");
    md.append("| topic | log bytes | bytes/record | vs raw log |\n|---|--:|--:|--:|\n");
    logRow(md, "raw (zstd producer)", logs.raw(), logs);
    logRow(md, "identity copy (zstd, exactly-once)", logs.identity(), logs);
    logRow(md, "latent (zstd, exactly-once)", logs.latent(), logs);
    logRow(md, "reconstructed (zstd, exactly-once)", logs.reconstructed(), logs);
    md.append(
        "\nLogs hold record batches as stored: producer compression, batch headers and, for topics"
            + " written under exactly-once, one transaction marker per partition per commit.\n");

    if (!f.latency().isEmpty()) {
      PipelineFigures.Latency first = f.latency().get(0);
      md.append(
          String.format(Locale.ROOT, "\n### Latency at %,d records/s\n\n", first.targetRate()));
      md.append(
          String.format(
              Locale.ROOT,
              "Per setting, two runs produce for %.0f s each (zstd, linger 5 ms) to a fresh raw"
                  + " topic: one through the identity app alone, one through the encode and decode"
                  + " apps running together as the pipeline does; latency = time the read_committed"
                  + " consumer receives the output record − the raw record's create time (same"
                  + " clock), records created in the first %.0f s excluded (warm-up). Exact"
                  + " nearest-rank percentiles over every remaining record.\n\n",
              first.seconds(),
              first.warmUpSeconds()));
      md.append(
          "| setting | overrides | produced rec/s | identity outputs of produced | enc / dec outputs of produced | identity"
              + " p50 / p99 / max ms | encode p50 / p99 / max ms | encode+decode p50 / p99 /"
              + " max ms | encoder batches |\n");
      md.append("|---|---|--:|--:|--:|--:|--:|--:|---|\n");
      for (PipelineFigures.Latency l : f.latency()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %,d of %,d | %,d / %,d of %,d | %s | %s | %s | %s |\n",
                l.setting(),
                overrides(l.overrides()),
                Figures.rate(l.achievedRate()),
                l.copied(),
                l.identityProduced(),
                l.encoded(),
                l.reconstructed(),
                l.produced(),
                latency(l.identity()),
                latency(l.encode()),
                latency(l.endToEnd()),
                l.encodeBatches()));
      }
      md.append(
          "\nUnder exactly_once_v2 an output becomes visible to read_committed consumers only"
              + " when its transaction commits, every commit.interval.ms: a record waits for the"
              + " next commit at each hop (about half an interval on average, a whole one at"
              + " worst), and encode+decode crosses two hops. The encoder also drains its"
              + " inference batch at the latest at each commit, so batches are about rate ×"
              + " interval records. A shorter interval cuts latency but commits (and writes"
              + " transaction markers) more often, and makes inference batches smaller, which"
              + " costs throughput.\n");
    }

    md.append("\n### Against the targets\n\n");
    md.append("| target | measured | identity baseline | met |\n|---|---|---|---|\n");
    double ratio = f.encodeToIdentity();
    md.append(
        String.format(
            Locale.ROOT,
            "| encode ≥ 50 %% of identity records/s | %s (%s rec/s) | %s rec/s | %s |\n",
            percent(ratio),
            Figures.rate(PipelineFigures.medianRate(f.encode())),
            Figures.rate(PipelineFigures.medianRate(f.identity())),
            met(ratio >= MIN_ENCODE_TO_IDENTITY)));
    md.append(
        String.format(
            Locale.ROOT,
            "| latent log ≤ 1/10 of raw log (zstd) | 1/%.1f (%s vs %s B/record) | identity copy"
                + " %s B/record | %s |\n",
            1 / logs.latentToRaw(),
            Figures.bytes(logs.perRecord(logs.latent())),
            Figures.bytes(logs.perRecord(logs.raw())),
            Figures.bytes(logs.perRecord(logs.identity())),
            met(logs.latentToRaw() <= MAX_LATENT_TO_RAW)));
    for (PipelineFigures.Latency l : f.latency()) {
      boolean atRate = l.targetRate() >= P99_TARGET_RATE;
      md.append(
          String.format(
              Locale.ROOT,
              "| p99 ≤ 100 ms at 5,000 rec/s, encode (%s) | %d ms at %s rec/s (encode+decode %d"
                  + " ms) | %d ms | %s |\n",
              l.setting(),
              l.encode().p99Millis(),
              Figures.rate(l.achievedRate()),
              l.endToEnd().p99Millis(),
              l.identity().p99Millis(),
              atRate ? met(l.encode().p99Millis() <= MAX_P99_MILLIS) : "not measured at 5,000"));
    }
    if (f.latency().isEmpty()) {
      md.append(
          "| p99 ≤ 100 ms at 5,000 rec/s, encode | not measured (`--no-latency`) | – | – |\n");
    }
    md.append(endMarker(f.dataSet(), date)).append('\n');
    return md.toString();
  }

  /**
   * Replaces or appends the section of {@code f}'s data set on {@code date} in {@code document}
   * (created when absent), leaving every other line as it was.
   *
   * @throws BenchException if the document cannot be read or written, or holds a begin marker
   *     without its end marker
   */
  public static void upsert(Path document, String dataSet, LocalDate date, String section) {
    String begin = beginMarker(dataSet, date);
    String end = endMarker(dataSet, date);
    try {
      List<String> lines =
          Files.exists(document)
              ? new ArrayList<>(Files.readAllLines(document, StandardCharsets.UTF_8))
              : new ArrayList<>(List.of(MarkdownReport.NEW_DOCUMENT.split("\n", -1)));
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
      List<String> sectionLines = List.of(section.stripTrailing().split("\n", -1));
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
                  + "' after it; restore the end marker or remove the partial section");
        }
        lines.subList(from, from + to + 1).clear();
        lines.addAll(from, sectionLines);
      } else {
        lines.add("");
        lines.addAll(sectionLines);
      }
      Files.createDirectories(document.toAbsolutePath().getParent());
      Files.writeString(document, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchException("cannot update " + document + ": " + e, e);
    }
  }

  /** One topology: medians over rounds, each round in brackets; {@code baseline} null: none. */
  private static void throughputRow(
      StringBuilder md,
      List<PipelineFigures.Throughput> runs,
      List<PipelineFigures.Throughput> baseline) {
    PipelineFigures.Throughput first = runs.get(0);
    StringBuilder outputs = new StringBuilder();
    StringBuilder rates = new StringBuilder();
    StringBuilder walls = new StringBuilder();
    double[] ratios = new double[runs.size()];
    for (int r = 0; r < runs.size(); r++) {
      PipelineFigures.Throughput t = runs.get(r);
      String sep = r == 0 ? "" : ", ";
      outputs.append(sep).append(String.format(Locale.ROOT, "%,d / %,d", t.outputs(), t.inputs()));
      rates.append(sep).append(Figures.rate(t.firstToLastRate()));
      walls.append(sep).append(String.format(Locale.ROOT, "%.1f s", t.wallSeconds()));
      ratios[r] =
          baseline == null ? Double.NaN : t.firstToLastRate() / baseline.get(r).firstToLastRate();
    }
    boolean several = runs.size() > 1;
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %s → %s | %s | %s | %s | %s | %s |\n",
            first.topology(),
            first.input(),
            first.output(),
            outputs,
            Figures.rate(PipelineFigures.medianRate(runs)) + (several ? " (" + rates + ")" : ""),
            Figures.rate(PipelineFigures.medianWallRate(runs)) + " (" + walls + ")",
            baseline == null ? "warm-up" : percent(PipelineFigures.median(ratios)),
            first.batches().isEmpty() ? "–" : first.batches()));
  }

  private static void logRow(
      StringBuilder md, String name, long bytes, PipelineFigures.LogSizes logs) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %,d | %s | %s |\n",
            name,
            bytes,
            Figures.bytes(logs.perRecord(bytes)),
            percent((double) bytes / logs.raw())));
  }

  private static String latency(LatencySummary s) {
    return s.count() == 0 ? "n/a" : s.p50Millis() + " / " + s.p99Millis() + " / " + s.maxMillis();
  }

  private static String overrides(Map<String, String> o) {
    if (o.isEmpty()) {
      return "–";
    }
    StringBuilder sb = new StringBuilder();
    o.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String percent(double fraction) {
    return Double.isNaN(fraction) || Double.isInfinite(fraction)
        ? "n/a"
        : String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
  }

  private static String met(boolean ok) {
    return ok ? "yes" : "**no**";
  }
}
