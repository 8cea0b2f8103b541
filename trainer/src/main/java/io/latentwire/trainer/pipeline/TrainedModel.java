package io.latentwire.trainer.pipeline;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.trainer.vae.EpochStats;
import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param bundle the model, ready to write or publish
 * @param history per-epoch statistics
 * @param calibration the quantization ladder measured on validation rows
 */
public record TrainedModel(
    ModelBundle bundle, List<EpochStats> history, QuantizerCalibration.Result calibration) {}
