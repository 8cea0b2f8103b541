package io.latentwire.trainer.rd;

import java.time.Duration;

/**
 * What one epoch of rate–distortion training achieved.
 *
 * <p>The {@code train…} figures come from the training path (noisy latent {@code y + U(−½, ½)}),
 * averaged over the epoch's batches while the weights moved; the {@code validation…} figures from
 * the deployment path (hard-rounded latent) at the end of the epoch. Rates are in bits per record
 * under the learned prior, an estimate of what the entropy coder will spend; the bundle's histogram
 * tables usually spend a little less (see {@link TrainedRdModel#ladder}).
 *
 * @param epoch 1-based epoch number
 * @param batchesDone optimiser steps taken in this epoch
 * @param batchesPerEpoch steps a full epoch takes; {@code batchesDone < batchesPerEpoch} when the
 *     time budget cut the epoch short
 * @param trainLoss mean per-record objective, {@code distortion + lambda · rate}
 * @param trainDistortion mean per-record squared error summed over the record's values
 * @param trainRateBits mean per-record rate of the noisy latent, in bits
 * @param validationMse mean squared error per value of {@code decoder(round(y(x)))} on the
 *     validation rows, in normalised units; {@code NaN} without validation rows
 * @param validationRateBits mean per-record bits of {@code round(y(x))} under the learned prior;
 *     {@code NaN} without validation rows
 * @param validationLoss the objective on the validation rows' deployment path: {@code D ·
 *     validationMse + lambda · validationRateBits}; what early stopping watches; {@code NaN}
 *     without validation rows
 * @param learningRate the learning rate of the epoch's last optimiser step
 * @param elapsed wall-clock time since training started, at the end of this epoch's validation
 */
public record RdEpochStats(
    int epoch,
    int batchesDone,
    int batchesPerEpoch,
    double trainLoss,
    double trainDistortion,
    double trainRateBits,
    double validationMse,
    double validationRateBits,
    double validationLoss,
    double learningRate,
    Duration elapsed) {

  /**
   * Returns the validation PSNR for data in [0, 1]: {@code −10 · log10(validationMse)}.
   *
   * @return decibels; {@code NaN} without validation rows
   */
  public double validationPsnrDb() {
    return -10 * Math.log10(validationMse);
  }

  /**
   * Returns {@link #elapsed()} in seconds.
   *
   * @return seconds since training started, at the end of this epoch
   */
  public double seconds() {
    return elapsed.toNanos() / 1e9;
  }

  /**
   * Tells whether every batch of the epoch was trained.
   *
   * @return false when the time budget stopped training inside this epoch
   */
  public boolean complete() {
    return batchesDone == batchesPerEpoch;
  }
}
