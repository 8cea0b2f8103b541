package io.latentwire.ops.bench;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A data set ready for the rate-distortion benchmark: train and test rows in memory, and what the
 * report needs to say about them.
 *
 * <p>Rows are row-major float32 in the data set's units (Fashion-MNIST: pixels in [0, 1]). The
 * arrays are large and shared, not copied: nobody may modify them.
 *
 * @param id short name used in file names, CSV and the command line, e.g. {@code fashion-mnist}
 * @param title heading of the report section, e.g. {@code Fashion-MNIST test set}
 * @param description Markdown sentences on the data: source, split, what one record is
 * @param mapping the record fields the rows hold, in order (a model must map the same)
 * @param train training rows (PCA fit; the learned model trains on the same records)
 * @param test test rows, the records measured
 * @param featureRange per feature, the range PSNR and max error are relative to, and the scale PCA
 *     works in (1 for [0,1] pixels; the training range for telemetry)
 * @param modelUnitScale row value × this = the model's feature value (255 for pixels, whose model
 *     features are bytes 0..255; 1 otherwise)
 * @param uint8Values every value is {@code k / 255f}, so uint8 + zstd is lossless and applies
 * @param pcaComponents coefficient counts of the PCA rows, ascending
 * @param trainingRecords the training split as records, for training a default model
 * @param defaultTraining options of that default model (its time budget is set by the caller)
 * @param references reference figures (ANCHORS.md) keyed by {@link #referenceKey}; may be empty
 */
public record BenchDataSet(
    String id,
    String title,
    String description,
    FieldMapping mapping,
    float[] train,
    float[] test,
    float[] featureRange,
    float modelUnitScale,
    boolean uint8Values,
    int[] pcaComponents,
    TrainingRecords trainingRecords,
    TrainingOptions defaultTraining,
    Map<String, String> references) {

  public BenchDataSet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(trainingRecords, "trainingRecords");
    Objects.requireNonNull(defaultTraining, "defaultTraining");
    int w = mapping.width();
    if (featureRange.length != w) {
      throw new IllegalArgumentException(
          id + ": featureRange has " + featureRange.length + " entries, expected " + w);
    }
    if (train.length == 0 || train.length % w != 0 || test.length == 0 || test.length % w != 0) {
      throw new IllegalArgumentException(
          id
              + ": train ("
              + train.length
              + " values) and test ("
              + test.length
              + " values) must be non-empty whole rows of "
              + w);
    }
    if (!(modelUnitScale > 0)) {
      throw new IllegalArgumentException(
          id + ": modelUnitScale must be > 0, got " + modelUnitScale);
    }
    for (int k : pcaComponents) {
      if (k < 1 || k > w) {
        throw new IllegalArgumentException(
            id + ": PCA component counts must be between 1 and " + w + ", got " + k);
      }
    }
    pcaComponents = pcaComponents.clone();
    references = Map.copyOf(references);
  }

  /** Values per record. */
  public int width() {
    return mapping.width();
  }

  public int trainRecords() {
    return train.length / width();
  }

  public int testRecords() {
    return test.length / width();
  }

  /** The same data set measured on its first {@code n} test records only (a quick run). */
  public BenchDataSet withTestRecords(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("test records must be >= 1, got " + n);
    }
    if (n >= testRecords()) {
      return this;
    }
    return new BenchDataSet(
        id,
        title,
        String.format(
            java.util.Locale.ROOT,
            "%s Quick run: only the first %,d of the %,d test records measured.",
            description,
            n,
            testRecords()),
        mapping,
        train,
        Arrays.copyOf(test, n * width()),
        featureRange,
        modelUnitScale,
        uint8Values,
        pcaComponents,
        trainingRecords,
        defaultTraining,
        references);
  }

  /** What {@link io.latentwire.codec.metrics.FidelityMeter} needs: only the ranges matter. */
  public Normalization fidelityNormalization() {
    float[] zero = new float[width()];
    float[] one = new float[width()];
    Arrays.fill(one, 1f);
    return new Normalization(zero, one, featureRange);
  }

  /** Key of {@link #references}: codec family and parameters. */
  public static String referenceKey(String codec, String params) {
    return codec + " | " + params;
  }

  /** Whether {@code bundle} maps exactly the fields this data set's rows hold. */
  public boolean fits(ModelBundle bundle) {
    return bundle.manifest().mapping().fields().equals(mapping.fields());
  }

  /**
   * @throws BenchException naming both mappings when {@code bundle} does not {@link #fits fit}
   */
  public void requireCompatible(ModelBundle bundle) {
    if (!fits(bundle)) {
      throw new BenchException(
          "model "
              + bundle.id().shortHex()
              + " maps "
              + describe(bundle.manifest().mapping())
              + ", but the "
              + id
              + " benchmark feeds "
              + describe(mapping));
    }
  }

  static String describe(FieldMapping m) {
    StringBuilder sb = new StringBuilder();
    m.fields()
        .forEach(
            f ->
                sb.append(sb.length() == 0 ? "" : ", ")
                    .append(f.name())
                    .append(f.width() > 1 ? "[" + f.width() + "]" : ""));
    String fields = sb.length() > 200 ? sb.substring(0, 200) + "…" : sb.toString();
    return m.width() + " features (" + fields + ")";
  }
}
