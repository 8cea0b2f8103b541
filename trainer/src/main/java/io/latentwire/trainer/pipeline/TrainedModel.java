package io.latentwire.trainer.pipeline;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.rd.RdConfig;
import io.latentwire.trainer.rd.RdEpochStats;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The outcome of a training run.
 *
 * @param bundle the model, ready to write or publish
 * @param history per-epoch statistics, in order: {@link RdEpochStats#epoch()}, {@link
 *     RdEpochStats#trainLoss()}, {@link RdEpochStats#validationLoss()}, {@link
 *     RdEpochStats#validationPsnrDb()}, {@link RdEpochStats#validationRateBits()}, {@link
 *     RdEpochStats#learningRate()}, {@link RdEpochStats#seconds()} (since training started)
 * @param calibration the quality ladder measured with ONNX Runtime on validation rows
 * @param config the resolved rate–distortion configuration (architecture, widths, lambda, …)
 * @param trainSeconds wall-clock seconds of the whole run (reading to bundle); kept out of the
 *     bundle so that the bundle's bytes do not depend on the clock
 * @param schema the writer schema of the training records (the training report tells images from
 *     it)
 * @param validationRaw the held-out rows, raw (before normalization), row-major, {@code
 *     validationRows × bundle.manifest().inputSize()} values; shared, not copied: do not modify
 * @param validationRows how many rows {@code validationRaw} holds
 */
public record TrainedModel(
    ModelBundle bundle,
    List<RdEpochStats> history,
    QuantizerCalibration.Result calibration,
    RdConfig config,
    double trainSeconds,
    Schema schema,
    float[] validationRaw,
    int validationRows) {

  /** Copies the history and checks the validation rows' shape. */
  public TrainedModel {
    history = List.copyOf(history);
    if ((long) validationRows * bundle.manifest().inputSize() != validationRaw.length) {
      throw new IllegalArgumentException(
          validationRaw.length
              + " validation values are not "
              + validationRows
              + " rows of "
              + bundle.manifest().inputSize());
    }
  }
}
