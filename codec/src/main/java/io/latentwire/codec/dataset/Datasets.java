package io.latentwire.codec.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.ServiceLoader;

/** Opens data set files as {@link Dataset}s of Avro records, whatever their format. */
public final class Datasets {

  private Datasets() {}

  /**
   * Opens {@code file} in the given format.
   *
   * <p>CSV files are read once here to infer column types and validate every row, so a bad file
   * fails now rather than half-way through a run. IDX and Avro headers are validated here; their
   * records are checked as they are read.
   *
   * @param file the data file; must exist
   * @param format the format, or {@code null} to detect it from the file name
   * @return an open data set; the caller owns it and must close it
   * @throws DataFormatException when the content breaks the format's rules
   * @throws DatasetException when the file is missing or unreadable, or the format cannot be
   *     detected
   */
  public static Dataset open(Path file, DataFormat format) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(
          "data file " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"),
          file);
    }
    DataFormat resolved = format != null ? format : DataFormat.detect(file);
    return switch (resolved) {
      case CSV -> CsvDataset.open(file);
      case IDX -> IdxDataset.open(file);
      case AVRO -> AvroDataset.open(file);
    };
  }

  /**
   * Opens the records of a live Kafka topic, through the {@link TopicDatasetProvider} on the class
   * path.
   *
   * @return an open data set; the caller owns it and must close it
   * @throws DatasetException when no provider is on the class path, or the provider cannot open the
   *     records (unknown or empty topic, unreachable broker, several schemas...)
   */
  public static Dataset openTopic(TopicQuery query) {
    Iterator<TopicDatasetProvider> providers =
        ServiceLoader.load(TopicDatasetProvider.class).iterator();
    if (!providers.hasNext()) {
      throw new DatasetException(
          "reading a Kafka topic needs the streams app on the class path; use the latentwire"
              + " launcher, or train from a file with --data",
          null);
    }
    return providers.next().open(query);
  }

  /** Opens {@code file} in the format its name implies; see {@link #open(Path, DataFormat)}. */
  public static Dataset open(Path file) {
    return open(file, null);
  }
}
