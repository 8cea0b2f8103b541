package io.latentwire.trainer.vae;

/**
 * Receives training progress, on the training thread. Implementations should return quickly:
 * training waits for them. An exception thrown by a listener aborts training and propagates to the
 * caller of {@link VaeTrainer#train}.
 */
public interface TrainingProgressListener {

  /** A listener that ignores everything. */
  TrainingProgressListener NONE = new TrainingProgressListener() {};

  /**
   * Called after each optimiser step.
   *
   * @param progress not null
   */
  default void onBatch(BatchProgress progress) {}

  /**
   * Called after each epoch, once its validation error is known; also for a last epoch that the
   * time budget cut short.
   *
   * @param stats not null
   */
  default void onEpoch(EpochStats stats) {}
}
