package io.latentwire.trainer.report;

import io.latentwire.trainer.rd.RdEpochStats;
import java.util.List;

/**
 * One epoch of training as the report shows it, whichever trainer produced it.
 *
 * <p>Train and validation error are both given as mean squared error per value in normalised units,
 * so the two curves can be compared: the training figure comes from the training path (sampled or
 * noisy latent) averaged while the weights moved, the validation figure from the deterministic path
 * at the end of the epoch.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss the trainer's objective per record (its own units: reconstruction + beta · KL
 *     for the VAE, distortion + lambda · rate for rate–distortion training)
 * @param trainMse mean squared error per value on training rows, normalised units
 * @param validationMse mean squared error per value on validation rows, normalised units; NaN
 *     without validation rows
 * @param validationRateBits mean bits per record of the validation latents under the learned prior;
 *     NaN when the trainer does not estimate a rate
 * @param elapsedSeconds wall-clock seconds since training started, at the end of this epoch
 */
public record EpochRow(
    int epoch,
    double trainLoss,
    double trainMse,
    double validationMse,
    double validationRateBits,
    double elapsedSeconds) {

  /**
   * Validation PSNR: {@code −10 · log10(validationMse)}. For uint8 features (normalised to [0, 1])
   * this is the usual image PSNR; for standardised features it is a signal-to-noise figure in units
   * of the feature's standard deviation.
   *
   * @return decibels; NaN without validation rows
   */
  public double validationPsnrDb() {
    return -10 * Math.log10(validationMse);
  }

  /**
   * The rows of a rate–distortion training run.
   *
   * @param featuresPerRecord the model's input size, to turn per-record sums into per-value means
   */
  public static List<EpochRow> fromRd(List<RdEpochStats> history, int featuresPerRecord) {
    return history.stream()
        .map(
            s ->
                new EpochRow(
                    s.epoch(),
                    s.trainLoss(),
                    s.trainDistortion() / featuresPerRecord,
                    s.validationMse(),
                    s.validationRateBits(),
                    s.elapsed().toMillis() / 1000.0))
        .toList();
  }
}
