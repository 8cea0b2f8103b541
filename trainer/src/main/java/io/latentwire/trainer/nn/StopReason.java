package io.latentwire.trainer.nn;

/** Why a training run ended. */
public enum StopReason {
  /** Every configured epoch was trained. */
  EPOCHS_COMPLETED,
  /** The wall-clock budget ran out first. */
  TIME_BUDGET_EXHAUSTED,
  /** The validation loss stopped improving for the configured patience. */
  EARLY_STOPPED
}
