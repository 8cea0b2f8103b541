package io.latentwire.streams.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition, for assertions on series values. */
public final class Scrape {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  public record Series(String name, Map<String, String> labels, double value) {}

  private final List<Series> series = new ArrayList<>();

  public Scrape(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      series.add(new Series(m.group(1), labels, parse(m.group(3))));
    }
  }

  /** The series named {@code name} whose labels include every given key/value pair. */
  public List<Series> find(String name, String... labelPairs) {
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      if (!s.name().equals(name)) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < labelPairs.length; i += 2) {
        all &= labelPairs[i + 1].equals(s.labels().get(labelPairs[i]));
      }
      if (all) {
        out.add(s);
      }
    }
    return out;
  }

  /** The value of the one matching series; fails when none or several match. */
  public double value(String name, String... labelPairs) {
    List<Series> found = find(name, labelPairs);
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " series match " + name + " " + List.of(labelPairs) + ": " + found);
    }
    return found.get(0).value();
  }

  public boolean hasSeriesStartingWith(String prefix) {
    return series.stream().anyMatch(s -> s.name().startsWith(prefix));
  }

  private static double parse(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }
}
