package io.latentwire.trainer.rd;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate of a training run: a linear warm-up from {@code finalRate} to {@code baseRate}
 * over {@code warmupSteps} optimiser steps, then a half cosine from {@code baseRate} down to {@code
 * finalRate} over the remaining steps. A function of the step alone, so it is reproducible, and
 * {@link #at} tells the rate any epoch trained with (recorded per epoch in {@link RdEpochStats}).
 */
final class LearningRateSchedule implements Tracker {
  private final double baseRate;
  private final double finalRate;
  private final int warmupSteps;
  private final int totalSteps;

  LearningRateSchedule(double baseRate, double finalRate, int warmupSteps, int totalSteps) {
    this.baseRate = baseRate;
    this.finalRate = finalRate;
    this.warmupSteps = warmupSteps;
    this.totalSteps = Math.max(totalSteps, warmupSteps + 1);
  }

  static LearningRateSchedule of(RdConfig config, int batchesPerEpoch) {
    return new LearningRateSchedule(
        config.learningRate(),
        config.finalLearningRate(),
        Math.multiplyExact(config.warmupEpochs(), batchesPerEpoch),
        Math.multiplyExact(config.epochs(), batchesPerEpoch));
  }

  /** The rate of optimiser step {@code step} (0-based). */
  double at(int step) {
    if (step < warmupSteps) {
      return finalRate + (baseRate - finalRate) * step / warmupSteps;
    }
    double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
    return finalRate + (baseRate - finalRate) * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
  }

  @Override
  public float getNewValue(int numUpdate) {
    // DJL counts updates from 1.
    return (float) at(Math.max(0, numUpdate - 1));
  }

  @Override
  public String toString() {
    return warmupSteps == 0
        ? "cosine " + baseRate + " -> " + finalRate
        : "linear warm-up over "
            + warmupSteps
            + " steps, then cosine "
            + baseRate
            + " -> "
            + finalRate;
  }
}
