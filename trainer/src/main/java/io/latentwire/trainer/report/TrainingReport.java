package io.latentwire.trainer.report;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.rd.ImageShape;
import java.util.List;
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

  /** Rows the report measures per-feature error on and shows as images, at most. */
  public static final int SAMPLE_ROWS = 1000;

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
}
