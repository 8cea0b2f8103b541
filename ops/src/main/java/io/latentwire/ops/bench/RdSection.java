package io.latentwire.ops.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one data set in one run: one report section.
 *
 * @param dataSet data set id
 * @param title section title, e.g. {@code Fashion-MNIST test set}
 * @param description Markdown sentences about the data
 * @param notes further Markdown sentences, e.g. about the learned model and how it was obtained
 * @param rows measured rows, baselines first
 * @param references reference figures keyed by {@link BenchDataSet#referenceKey}; may be empty
 * @param loadBefore load average before the data set's measurements
 * @param loadAfter load average after them
 */
public record RdSection(
    String dataSet,
    String title,
    String description,
    List<String> notes,
    List<RdRow> rows,
    Map<String, String> references,
    String loadBefore,
    String loadAfter) {

  public RdSection {
    Objects.requireNonNull(dataSet, "dataSet");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    notes = List.copyOf(notes);
    rows = List.copyOf(rows);
    references = Map.copyOf(references);
    Objects.requireNonNull(loadBefore, "loadBefore");
    Objects.requireNonNull(loadAfter, "loadAfter");
  }

  /** The reference figure for a row, or {@code null}. */
  public String referenceFor(RdRow row) {
    return references.get(BenchDataSet.referenceKey(row.codec(), row.params()));
  }
}
