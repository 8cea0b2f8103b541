package io.latentwire.trainer.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a user chooses about a training run; everything else is derived from the data.
 *
 * @param latentSize latent values per record
 * @param epochs maximum epochs
 * @param timeBudget wall-clock cap on the optimisation (training stops after the epoch/batch that
 *     crosses it)
 * @param seed seeds initialisation, shuffling, the train/validation split and sampling noise
 * @param validationFraction share of rows held out for validation and quantizer calibration
 * @param fields fields to map, in order; empty = inferred from the schema
 * @param hiddenSizes widths of the hidden layers of the encoder (mirrored in the decoder)
 * @param batchSize records per optimiser step
 * @param learningRate Adam learning rate
 * @param beta weight of the KL term
 * @param maxQualityLossDb how much PSNR quantization may cost relative to the unquantized model
 * @param targetPsnrDb the validation PSNR the default operating point must reach (the coarsest
 *     point that does is chosen), or NaN to use {@code maxQualityLossDb} instead
 */
public record TrainingOptions(
    int latentSize,
    int epochs,
    Duration timeBudget,
    long seed,
    double validationFraction,
    List<String> fields,
    List<Integer> hiddenSizes,
    int batchSize,
    double learningRate,
    double beta,
    double maxQualityLossDb,
    double targetPsnrDb) {

  public TrainingOptions {
    if (latentSize < 1 || latentSize > 4096) {
      throw new IllegalArgumentException(
          "latent size must be between 1 and 4096, got " + latentSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (!(validationFraction > 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "validation fraction must be > 0 and < 0.5, got " + validationFraction);
    }
    fields = List.copyOf(fields);
    hiddenSizes = List.copyOf(hiddenSizes);
    if (!(maxQualityLossDb > 0)) {
      throw new IllegalArgumentException("maxQualityLossDb must be > 0, got " + maxQualityLossDb);
    }
  }

  /** Defaults for a latent size: 20 epochs, 10 % validation, hidden 512-256, seed 42. */
  public static TrainingOptions defaults(int latentSize) {
    return new TrainingOptions(
        latentSize,
        20,
        Duration.ofMinutes(30),
        42L,
        0.1,
        List.of(),
        List.of(512, 256),
        256,
        1e-3,
        0.01,
        0.3,
        Double.NaN);
  }

  public TrainingOptions withEpochs(int e) {
    return new TrainingOptions(
        latentSize,
        e,
        timeBudget,
        seed,
        validationFraction,
        fields,
        hiddenSizes,
        batchSize,
        learningRate,
        beta,
        maxQualityLossDb,
        targetPsnrDb);
  }

  public TrainingOptions withSeed(long s) {
    return new TrainingOptions(
        latentSize,
        epochs,
        timeBudget,
        s,
        validationFraction,
        fields,
        hiddenSizes,
        batchSize,
        learningRate,
        beta,
        maxQualityLossDb,
        targetPsnrDb);
  }

  public TrainingOptions withTimeBudget(Duration d) {
    return new TrainingOptions(
        latentSize,
        epochs,
        d,
        seed,
        validationFraction,
        fields,
        hiddenSizes,
        batchSize,
        learningRate,
        beta,
        maxQualityLossDb,
        targetPsnrDb);
  }

  public TrainingOptions withFields(List<String> f) {
    return new TrainingOptions(
        latentSize,
        epochs,
        timeBudget,
        seed,
        validationFraction,
        f,
        hiddenSizes,
        batchSize,
        learningRate,
        beta,
        maxQualityLossDb,
        targetPsnrDb);
  }

  public TrainingOptions withHiddenSizes(List<Integer> h) {
    return new TrainingOptions(
        latentSize,
        epochs,
        timeBudget,
        seed,
        validationFraction,
        fields,
        h,
        batchSize,
        learningRate,
        beta,
        maxQualityLossDb,
        targetPsnrDb);
  }

  public TrainingOptions withTargetPsnrDb(double t) {
    return new TrainingOptions(
        latentSize,
        epochs,
        timeBudget,
        seed,
        validationFraction,
        fields,
        hiddenSizes,
        batchSize,
        learningRate,
        beta,
        maxQualityLossDb,
        t);
  }
}
