package io.latentwire.trainer.vae;

import java.time.Duration;

/**
 * What one epoch of training achieved.
 *
 * @param epoch 1-based epoch number
 * @param batchesDone optimiser steps taken in this epoch
 * @param batchesPerEpoch steps a full epoch takes; {@code batchesDone < batchesPerEpoch} when the
 *     time budget cut the epoch short
 * @param trainLoss mean per-record loss over the epoch's batches (reconstruction + beta · KL)
 * @param trainReconstruction mean per-record squared error, summed over the D values of a record,
 *     of the sampled (training) path
 * @param trainKl mean per-record KL divergence from the prior, in nats
 * @param validationMse mean squared error per value of the deterministic path {@code
 *     decoder(mu(x))} on the validation rows, in normalised units; {@code NaN} when there are no
 *     validation rows. For data in [0, 1], PSNR = {@code -10 · log10(validationMse)}
 * @param elapsed wall-clock time since training started, at the end of this epoch's validation
 */
public record EpochStats(
    int epoch,
    int batchesDone,
    int batchesPerEpoch,
    double trainLoss,
    double trainReconstruction,
    double trainKl,
    double validationMse,
    Duration elapsed) {

  /**
   * Tells whether every batch of the epoch was trained.
   *
   * @return false when the time budget stopped training inside this epoch
   */
  public boolean complete() {
    return batchesDone == batchesPerEpoch;
  }
}
