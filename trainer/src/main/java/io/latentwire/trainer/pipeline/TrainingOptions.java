package io.latentwire.trainer.pipeline;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.trainer.rd.Architecture;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a user chooses about a training run; everything else is derived from the data.
 *
 * <p>The model is a rate–distortion autoencoder ({@link io.latentwire.trainer.rd.RdTrainer}): it
 * minimises {@code distortion + lambda · rate}, so {@code lambda} (not the latent size) sets the
 * bytes per record; the latent size only caps it.
 *
 * @param latentSize latent values per record, 1..4096, or 0 for automatic: 64 for MLP and for 1-D
 *     windows capped at the input width, the default latent grid of a CONV2D model
 * @param epochs maximum epochs, at least 1
 * @param timeBudget wall-clock cap on the optimisation (training stops after the batch that crosses
 *     it); a run cut by the budget is not reproducible, one that ends by epochs or early stopping
 *     is
 * @param seed seeds initialisation, shuffling, the train/validation split and the training noise
 * @param validationFraction share of rows held out for validation and the ladder, in (0, 0.5)
 * @param fields fields to map, in order; empty = inferred from the schema
 * @param hiddenSizes MLP encoder hidden widths (mirrored in the decoder); empty = automatic: 512,
 *     256 for inputs of 256 values or more, otherwise 128, 64
 * @param batchSize records per optimiser step, at least 1 (smaller data sets use smaller batches,
 *     see {@link ModelTrainer#batchSize})
 * @param learningRate peak Adam learning rate, > 0
 * @param finalLearningRate learning rate at the end of the cosine decay, in (0, learningRate]
 * @param warmupEpochs epochs of linear learning-rate warm-up, at least 0 and below {@code epochs}
 * @param patience early-stopping patience in epochs on the validation loss, 0 = off
 * @param lambda price of one bit in summed squared error of normalised values, at least 0; larger
 *     is fewer bytes at lower fidelity
 * @param architecture network family, or null to choose from the data (see {@link
 *     ArchitectureChoice})
 * @param targetPsnrDb the validation PSNR the default operating point must reach (the coarsest
 *     point that does is chosen), or NaN for the trained step (1) itself
 * @param maxAbsError the model's default error bound, a bound spec as {@code encode
 *     --max-abs-error} takes it (see {@link io.latentwire.codec.EncodeSettings#parseMaxAbsError}),
 *     or null for none. With it, the default operating point is the ladder point with the fewest
 *     mean bytes (latents and residual) under the bound on validation rows; with {@code
 *     targetPsnrDb} too, only points whose unbounded PSNR reaches the target compete. Its syntax is
 *     checked here, its field names against the mapping before training starts.
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
    double finalLearningRate,
    int warmupEpochs,
    int patience,
    double lambda,
    Architecture architecture,
    double targetPsnrDb,
    String maxAbsError) {

  /**
   * Default price of a bit: on Fashion-MNIST the default MLP reaches about 21 dB at 15.5 bytes per
   * record (30 epochs), inside the goal of at least 20 dB at no more than 20 bytes.
   */
  public static final double DEFAULT_LAMBDA = 0.015;

  /** How error messages about {@link #maxAbsError} name it: the CLI option. */
  public static final String MAX_ABS_ERROR_OPTION = "--max-abs-error";

  /** Default maximum epochs. */
  public static final int DEFAULT_EPOCHS = 30;

  /** Default early-stopping patience. */
  public static final int DEFAULT_PATIENCE = 5;

  /** Default warm-up epochs. */
  public static final int DEFAULT_WARMUP_EPOCHS = 1;

  /** Validates every component; messages name the component, its value and what is allowed. */
  public TrainingOptions {
    if (latentSize < 0 || latentSize > 4096) {
      throw new IllegalArgumentException(
          "latent size must be between 1 and 4096 (or 0 for automatic), got " + latentSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("time budget must be positive, got " + timeBudget);
    }
    if (!(validationFraction > 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "validation fraction must be > 0 and < 0.5, got " + validationFraction);
    }
    fields = List.copyOf(fields);
    hiddenSizes = List.copyOf(hiddenSizes);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    if (!(finalLearningRate > 0 && finalLearningRate <= learningRate)) {
      throw new IllegalArgumentException(
          "final learning rate must be > 0 and <= learning rate "
              + learningRate
              + ", got "
              + finalLearningRate);
    }
    if (warmupEpochs < 0 || warmupEpochs >= epochs) {
      throw new IllegalArgumentException(
          "warm-up epochs must be >= 0 and below epochs (" + epochs + "), got " + warmupEpochs);
    }
    if (patience < 0) {
      throw new IllegalArgumentException(
          "patience must be >= 0 (0 turns early stopping off), got " + patience);
    }
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    if (maxAbsError != null) {
      maxAbsError = maxAbsError.trim();
      EncodeSettings.checkMaxAbsErrorSyntax(MAX_ABS_ERROR_OPTION, maxAbsError);
      if (EncodeSettings.isNoBound(maxAbsError)) {
        maxAbsError = null;
      }
    }
  }

  /**
   * Defaults: automatic architecture and hidden widths, {@value #DEFAULT_EPOCHS} epochs, 10 %
   * validation, seed 42, lambda {@value #DEFAULT_LAMBDA}, learning rate 2e-3 warming up for one
   * epoch and decaying to 1e-4, patience {@value #DEFAULT_PATIENCE}, batch 256, a 30-minute budget.
   *
   * @param latentSize latent size, or 0 for automatic
   */
  public static TrainingOptions defaults(int latentSize) {
    return new TrainingOptions(
        latentSize,
        DEFAULT_EPOCHS,
        Duration.ofMinutes(30),
        42L,
        0.1,
        List.of(),
        List.of(),
        256,
        2e-3,
        1e-4,
        DEFAULT_WARMUP_EPOCHS,
        DEFAULT_PATIENCE,
        DEFAULT_LAMBDA,
        null,
        Double.NaN,
        null);
  }

  /** Returns a copy with this many epochs (warm-up is clipped to stay below it). */
  public TrainingOptions withEpochs(int e) {
    return new Builder(this).epochs(e).build();
  }

  public TrainingOptions withSeed(long s) {
    return new Builder(this).seed(s).build();
  }

  public TrainingOptions withTimeBudget(Duration d) {
    return new Builder(this).timeBudget(d).build();
  }

  public TrainingOptions withFields(List<String> f) {
    return new Builder(this).fields(f).build();
  }

  public TrainingOptions withHiddenSizes(List<Integer> h) {
    return new Builder(this).hiddenSizes(h).build();
  }

  public TrainingOptions withTargetPsnrDb(double t) {
    return new Builder(this).targetPsnrDb(t).build();
  }

  /**
   * Returns a copy with a default error bound spec, or null for none.
   *
   * @throws IllegalArgumentException naming {@value #MAX_ABS_ERROR_OPTION} when the spec does not
   *     parse
   */
  public TrainingOptions withMaxAbsError(String spec) {
    return new Builder(this).maxAbsError(spec).build();
  }

  public TrainingOptions withLambda(double l) {
    return new Builder(this).lambda(l).build();
  }

  /** Returns a copy with a fixed architecture, or null to choose it from the data. */
  public TrainingOptions withArchitecture(Architecture a) {
    return new Builder(this).architecture(a).build();
  }

  public TrainingOptions withPatience(int p) {
    return new Builder(this).patience(p).build();
  }

  public TrainingOptions withWarmupEpochs(int w) {
    return new Builder(this).warmupEpochs(w).build();
  }

  public TrainingOptions withLearningRates(double peak, double last) {
    return new Builder(this).learningRates(peak, last).build();
  }

  public TrainingOptions withBatchSize(int b) {
    return new Builder(this).batchSize(b).build();
  }

  public TrainingOptions withLatentSize(int l) {
    return new Builder(this).latentSize(l).build();
  }

  /** Copy-and-change helper behind the {@code with…} methods. */
  private static final class Builder {
    private int latentSize;
    private int epochs;
    private Duration timeBudget;
    private long seed;
    private final double validationFraction;
    private List<String> fields;
    private List<Integer> hiddenSizes;
    private int batchSize;
    private double learningRate;
    private double finalLearningRate;
    private int warmupEpochs;
    private int patience;
    private double lambda;
    private Architecture architecture;
    private double targetPsnrDb;
    private String maxAbsError;

    Builder(TrainingOptions o) {
      latentSize = o.latentSize;
      epochs = o.epochs;
      timeBudget = o.timeBudget;
      seed = o.seed;
      validationFraction = o.validationFraction;
      fields = o.fields;
      hiddenSizes = o.hiddenSizes;
      batchSize = o.batchSize;
      learningRate = o.learningRate;
      finalLearningRate = o.finalLearningRate;
      warmupEpochs = o.warmupEpochs;
      patience = o.patience;
      lambda = o.lambda;
      architecture = o.architecture;
      targetPsnrDb = o.targetPsnrDb;
      maxAbsError = o.maxAbsError;
    }

    Builder latentSize(int v) {
      latentSize = v;
      return this;
    }

    Builder epochs(int v) {
      epochs = v;
      warmupEpochs = Math.min(warmupEpochs, Math.max(0, v - 1));
      return this;
    }

    Builder timeBudget(Duration v) {
      timeBudget = v;
      return this;
    }

    Builder seed(long v) {
      seed = v;
      return this;
    }

    Builder fields(List<String> v) {
      fields = v;
      return this;
    }

    Builder hiddenSizes(List<Integer> v) {
      hiddenSizes = v;
      return this;
    }

    Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    Builder learningRates(double peak, double last) {
      learningRate = peak;
      finalLearningRate = last;
      return this;
    }

    Builder warmupEpochs(int v) {
      warmupEpochs = v;
      return this;
    }

    Builder patience(int v) {
      patience = v;
      return this;
    }

    Builder lambda(double v) {
      lambda = v;
      return this;
    }

    Builder architecture(Architecture v) {
      architecture = v;
      return this;
    }

    Builder targetPsnrDb(double v) {
      targetPsnrDb = v;
      return this;
    }

    Builder maxAbsError(String v) {
      maxAbsError = v;
      return this;
    }

    TrainingOptions build() {
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
          finalLearningRate,
          warmupEpochs,
          patience,
          lambda,
          architecture,
          targetPsnrDb,
          maxAbsError);
    }
  }
}
