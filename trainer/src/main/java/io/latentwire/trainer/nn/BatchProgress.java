package io.latentwire.trainer.nn;

import java.time.Duration;

/**
 * Progress inside an epoch, reported after every optimiser step (for a progress bar).
 *
 * @param epoch 1-based epoch number
 * @param maxEpochs the configured maximum number of epochs
 * @param batchesDone steps done in this epoch, 1 to {@code batchesPerEpoch}
 * @param batchesPerEpoch steps a full epoch takes
 * @param runningLoss mean per-record loss over this epoch's steps so far
 * @param elapsed wall-clock time since training started
 */
public record BatchProgress(
    int epoch,
    int maxEpochs,
    int batchesDone,
    int batchesPerEpoch,
    double runningLoss,
    Duration elapsed) {}
