package io.latentwire.ops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows of a day's runs as CSV, for plotting later: one file per date; a run replaces the rows
 * of the data sets it measured and keeps the others. Values are plain numbers ({@code inf} for a
 * lossless PSNR), text fields quoted when they hold a comma or quote (RFC 4180).
 */
public final class CsvReport {
  static final String HEADER =
      "date,data_set,codec,params,kind,records,bytes_per_record,psnr_db,max_abs_error,"
          + "encode_records_per_s,decode_records_per_s";

  private CsvReport() {}

  /**
   * Writes {@code rows} of {@code date} into {@code file}, keeping rows of other data sets already
   * there.
   *
   * @throws BenchException if the file has another header or cannot be read or written
   */
  public static void merge(Path file, java.time.LocalDate date, List<RdRow> rows) {
    Set<String> replaced = rows.stream().map(RdRow::dataSet).collect(Collectors.toSet());
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    try {
      if (Files.exists(file)) {
        List<String> old = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (old.isEmpty() || !old.get(0).equals(HEADER)) {
          throw new BenchException(
              file + " does not start with the header '" + HEADER + "'; move it away and rerun");
        }
        for (int i = 1; i < old.size(); i++) {
          String line = old.get(i);
          if (line.isBlank()) {
            continue;
          }
          List<String> f = split(line);
          if (f.size() < 2) {
            throw new BenchException(file + " line " + (i + 1) + " has no data_set field");
          }
          if (!replaced.contains(f.get(1))) {
            lines.add(line);
          }
        }
      }
      for (RdRow r : rows) {
        lines.add(line(date, r));
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchException("cannot write " + file + ": " + e, e);
    }
  }

  /** Reads back the rows of a file written by {@link #merge}. */
  public static List<RdRow> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<RdRow> rows = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        List<String> f = split(lines.get(i));
        if (f.size() != 11) {
          throw new BenchException(
              file + " line " + (i + 1) + " has " + f.size() + " fields, expected 11");
        }
        rows.add(
            new RdRow(
                f.get(1),
                f.get(2),
                f.get(3),
                CodecUnderTest.Kind.valueOf(f.get(4).toUpperCase(Locale.ROOT)),
                Integer.parseInt(f.get(5)),
                Double.parseDouble(f.get(6)),
                f.get(7).equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(f.get(7)),
                Double.parseDouble(f.get(8)),
                Double.parseDouble(f.get(9)),
                Double.parseDouble(f.get(10))));
      }
      return rows;
    } catch (IOException e) {
      throw new BenchException("cannot read " + file + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new BenchException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  static String line(java.time.LocalDate date, RdRow r) {
    return String.join(
        ",",
        date.toString(),
        quote(r.dataSet()),
        quote(r.codec()),
        quote(r.params()),
        r.kind().name().toLowerCase(Locale.ROOT),
        Integer.toString(r.records()),
        String.format(Locale.ROOT, "%.3f", r.bytesPerRecord()),
        Double.isInfinite(r.psnrDb()) ? "inf" : String.format(Locale.ROOT, "%.4f", r.psnrDb()),
        r.maxAbsError() == 0 ? "0" : String.format(Locale.ROOT, "%.6g", r.maxAbsError()),
        String.format(Locale.ROOT, "%.1f", r.encodeRecordsPerSecond()),
        String.format(Locale.ROOT, "%.1f", r.decodeRecordsPerSecond()));
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Splits one CSV line (no embedded newlines: this writer never produces them). */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    fields.add(cur.toString());
    return fields;
  }
}
