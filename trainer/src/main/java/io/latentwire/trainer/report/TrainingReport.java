package io.latentwire.trainer.report;

import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.rd.ImageShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a training report shows.
 *
 * @param bundle the trained model; its manifest supplies the quality ladder, metrics and provenance
 * @param history one row per epoch, in order, copied; may be empty
 * @param sample rows to measure per-feature error on and to show as images, or null to leave those
 *     sections out
 * @param image the shape of the input when it is an image, or null
 * @param dataSource where the training data came from (a file name), shown in the report; non-null
 */
public record TrainingReport(
    ModelBundle bundle,
    List<EpochRow> history,
    ValidationSample sample,
    ImageShape image,
    String dataSource) {

  public TrainingReport {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(dataSource, "dataSource");
    history = List.copyOf(history);
    int width = bundle.manifest().inputSize();
    if (sample != null && sample.width() != width) {
      throw new IllegalArgumentException(
          "sample has " + sample.width() + " features per row; the model takes " + width);
    }
    if (image != null && image.values() != width) {
      throw new IllegalArgumentException(
          "image shape "
              + image.height()
              + " x "
              + image.width()
              + " x "
              + image.channels()
              + " has "
              + image.values()
              + " values; the model takes "
              + width);
    }
  }

  /**
   * A report on a model just trained: per-feature error and images are measured on (the first
   * {@value #SAMPLE_ROWS} of) the trainer's own validation rows, which the model never saw.
   *
   * @param schema the writer schema of the training records, to tell whether the input is an image
   * @param validation the trainer's held-out rows, raw
   * @param dataSource where the data came from (a file name or a topic), shown in the report
   */
  public static TrainingReport fromTraining(
      ModelBundle bundle,
      List<EpochRow> history,
      org.apache.avro.Schema schema,
      ValidationSample validation,
      String dataSource) {
    ImageShape image = ImageShapes.detect(schema, bundle.manifest().mapping()).orElse(null);
    return new TrainingReport(bundle, history, validation.first(SAMPLE_ROWS), image, dataSource);
  }

  /** Rows {@link #fromDataFile} samples for per-feature error and image grids. */
  public static final int SAMPLE_ROWS = 1000;

  /**
   * A report on a model just trained on {@code data}: reads the file once more to draw {@value
   * #SAMPLE_ROWS} rows at random (seeded) for the per-feature error and image sections, and tells
   * from its schema whether the input is an image.
   *
   * <p>The trainer's own validation split is not exposed, so the sample may include training rows;
   * the report says so. See {@link #fromDataFile(ModelBundle, List, Path, DataFormat,
   * ValidationSample)} to pass the validation rows instead.
   *
   * @param format the data file's format, or null to tell it from the file name
   */
  public static TrainingReport fromDataFile(
      ModelBundle bundle, List<EpochRow> history, Path data, DataFormat format) {
    return fromDataFile(bundle, history, data, format, null);
  }

  /**
   * As {@link #fromDataFile(ModelBundle, List, Path, DataFormat)}, but measuring on {@code
   * validation} (its first {@value #SAMPLE_ROWS} rows) when given; the data file is then read only
   * for its schema.
   *
   * @param validation the trainer's validation rows (raw), or null to draw a sample from the file
   */
  public static TrainingReport fromDataFile(
      ModelBundle bundle,
      List<EpochRow> history,
      Path data,
      DataFormat format,
      ValidationSample validation) {
    try (Dataset ds = Datasets.open(data, format)) {
      ImageShape image = ImageShapes.detect(ds.schema(), bundle.manifest().mapping()).orElse(null);
      ValidationSample sample =
          validation != null
              ? validation.first(SAMPLE_ROWS)
              : ValidationSample.draw(
                  ds,
                  bundle.manifest().mapping(),
                  SAMPLE_ROWS,
                  42,
                  String.format(
                      Locale.ROOT,
                      "drawn at random from %s; may include training rows",
                      data.getFileName()));
      return new TrainingReport(bundle, history, sample, image, data.getFileName().toString());
    }
  }
}
