package io.latentwire.trainer.rd;

import io.latentwire.trainer.nn.BatchProgress;

/**
 * Receives rate–distortion training progress, on the training thread. Implementations should return
 * quickly: training waits for them. An exception thrown by a listener aborts training and
 * propagates to the caller of {@link RdTrainer#train}.
 */
public interface RdProgressListener {

  /** A listener that ignores everything. */
  RdProgressListener NONE = new RdProgressListener() {};

  /**
   * Called after each optimiser step; {@link BatchProgress#runningLoss()} is the mean per-record
   * objective {@code distortion + lambda · rate} of the epoch so far.
   *
   * @param progress not null
   */
  default void onBatch(BatchProgress progress) {}

  /**
   * Called after each epoch, once its validation figures are known; also for a last epoch that the
   * time budget cut short.
   *
   * @param stats not null
   */
  default void onEpoch(RdEpochStats stats) {}
}
