package io.latentwire.trainer.rd;

import io.latentwire.trainer.nn.OutputActivation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Validated hyperparameters of a rate–distortion autoencoder and of its training run.
 *
 * <p><b>Objective.</b> Per record: {@code distortion + lambda · rate}, averaged over the batch,
 * where
 *
 * <ul>
 *   <li>{@code distortion} is the squared error summed over the record's {@code D} values, in the
 *       normalised units of the data ({@code D · MSE}; for [0, 1] pixels, 784 · MSE for a 28 × 28
 *       image);
 *   <li>{@code rate} is the record's cost in bits, {@code −Σ_j log2 P_j(ỹ_j)}, under a learned
 *       per-dimension density {@code P_j} of the quantised latent.
 * </ul>
 *
 * So {@code lambda} is the price of one bit in summed squared error: training spends a bit on a
 * record only where it removes more than {@code lambda} of squared error. Larger {@code lambda}
 * gives fewer bytes and lower fidelity. (CompressAI writes {@code λ_c · 255² · MSE + bpp}; the same
 * trade-off is {@code lambda = 1 / (λ_c · 255²)}.)
 *
 * <p><b>Units of the latent.</b> The encoder's output is in units of the quantisation step: the
 * trained step is 1, training adds uniform noise {@code U(−½, ½)} and deployment rounds. A coarser
 * or finer operating point quantises {@code y / s} for a step multiplier {@code s} from {@link
 * #ladderSteps()}.
 *
 * <p><b>Architectures.</b> {@link Architecture#MLP} uses {@link #hiddenSizes()} and {@link
 * #mlpLatentSize()}; {@link Architecture#CONV2D} uses {@link #imageShape()}, {@link
 * #convChannels()}, {@link #latentChannels()}, {@link #downsamplings()}, {@link #kernelSize()} and
 * {@link #decoderKernelSize()}; {@link Architecture#CONV1D} uses the same fields with an image
 * shape one row high ({@code 1 × length × channels}, see {@link #conv1d}), halving only the length.
 * The fields of the other architectures are still validated but unused. {@link #latentSize()} gives
 * the code length either way.
 *
 * <p>Training stops after {@link #epochs()} epochs or once {@link #timeBudget()} has elapsed,
 * whichever comes first; at least one batch is always trained.
 *
 * @param inputSize values per record (D), at least 1
 * @param architecture network family, not null
 * @param hiddenSizes MLP encoder hidden widths, input side first, each at least 1; not null, may be
 *     empty; stored as an immutable copy
 * @param mlpLatentSize MLP code length, at least 1
 * @param imageShape the records' image shape; required (non-null, {@code values() == inputSize})
 *     for CONV2D, may be null for MLP
 * @param convChannels CONV2D channels of every hidden convolution, at least 1
 * @param latentChannels CONV2D channels of the latent grid, at least 1
 * @param downsamplings CONV2D number of stride-2 convolutions in the encoder (and transposed ones
 *     in the decoder), at least 1
 * @param kernelSize CONV2D square kernel size of the encoder's convolutions, odd, at least 1
 * @param decoderKernelSize CONV2D square kernel size of the decoder's sub-pixel convolutions, odd,
 *     at least 1; they run at the lower resolution, so 3 there sees about what 5 sees in the
 *     encoder
 * @param outputActivation decoder output function, not null
 * @param lambda price of one bit in summed squared error, finite and at least 0
 * @param learningRate Adam learning rate at the start, finite and greater than 0
 * @param finalLearningRate learning rate at the end of the last epoch, finite, greater than 0 and
 *     at most {@code learningRate}; in between it follows a half cosine over all the configured
 *     epochs' steps (a time budget that stops training early stops the decay where it is). Equal to
 *     {@code learningRate} for a fixed rate
 * @param batchSize records per optimiser step, at least 1
 * @param epochs maximum passes over the training rows, at least 1
 * @param timeBudget maximum wall-clock training time, positive; {@link #UNLIMITED_TIME} for none
 * @param seed seed of every random choice (initial weights, shuffling, quantisation noise)
 * @param ladderSteps step multipliers of the operating points {@link TrainedRdModel#ladder} builds,
 *     strictly increasing, each finite and greater than 0; not empty; immutable copy
 * @param warmupEpochs epochs over which the learning rate climbs linearly from {@code
 *     finalLearningRate} to {@code learningRate} before the cosine decay starts; at least 0 and
 *     below {@code epochs}. Warm-up keeps Adam's first, badly scaled steps from throwing the prior
 *     far off
 * @param patience early stopping: training stops after this many epochs in a row without a new best
 *     validation loss ({@code distortion + lambda · rate} on the rounded path), and the weights of
 *     the best epoch are restored; 0 turns early stopping off (the last epoch's weights are kept).
 *     At least 0. Needs validation rows to act
 */
public record RdConfig(
    int inputSize,
    Architecture architecture,
    List<Integer> hiddenSizes,
    int mlpLatentSize,
    ImageShape imageShape,
    int convChannels,
    int latentChannels,
    int downsamplings,
    int kernelSize,
    int decoderKernelSize,
    OutputActivation outputActivation,
    double lambda,
    double learningRate,
    double finalLearningRate,
    int batchSize,
    int epochs,
    Duration timeBudget,
    long seed,
    List<Float> ladderSteps,
    int warmupEpochs,
    int patience) {

  /** Default MLP encoder hidden widths (the decoder mirrors them). */
  public static final List<Integer> DEFAULT_HIDDEN_SIZES = List.of(512, 256);

  /** Default MLP code length. */
  public static final int DEFAULT_MLP_LATENT_SIZE = 64;

  /**
   * Default channels of the hidden convolutions: 48 trains a Fashion-MNIST epoch in about 40 s of
   * one core, and 5 epochs reach 20.5 dB at 17 bytes per record.
   */
  public static final int DEFAULT_CONV_CHANNELS = 48;

  /** Default channels of the latent grid. */
  public static final int DEFAULT_LATENT_CHANNELS = 32;

  /** Default number of stride-2 convolutions: 28 × 28 → 14 → 7 → 4. */
  public static final int DEFAULT_DOWNSAMPLINGS = 3;

  /** Default kernel size of the encoder's convolutions. */
  public static final int DEFAULT_KERNEL_SIZE = 5;

  /** Default kernel size of the decoder's sub-pixel convolutions. */
  public static final int DEFAULT_DECODER_KERNEL_SIZE = 3;

  /**
   * Default price of a bit, in summed squared error per record: on Fashion-MNIST it puts the
   * trained step at about 20.5 dB, at 11 bytes per record for the default MLP (30 epochs) and 17
   * for the default CONV2D model (5 epochs).
   */
  public static final double DEFAULT_LAMBDA = 0.03;

  /** Default Adam learning rate at the start of training. */
  public static final double DEFAULT_LEARNING_RATE = 2e-3;

  /** Default learning rate at the end of training. */
  public static final double DEFAULT_FINAL_LEARNING_RATE = 1e-4;

  /** Default number of records per optimiser step. */
  public static final int DEFAULT_BATCH_SIZE = 64;

  /** Default maximum number of epochs. */
  public static final int DEFAULT_EPOCHS = 10;

  /** Default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Default step multipliers of the operating-point ladder, in trained-step units. */
  public static final List<Float> DEFAULT_LADDER_STEPS = List.of(0.5f, 0.75f, 1f, 1.5f, 2f, 3f);

  /** Default warm-up epochs of the learning-rate schedule (none). */
  public static final int DEFAULT_WARMUP_EPOCHS = 0;

  /** Default early-stopping patience (off). */
  public static final int DEFAULT_PATIENCE = 0;

  /** A time budget that never ends training early. */
  public static final Duration UNLIMITED_TIME = Duration.ofSeconds(Long.MAX_VALUE);

  /** Validates every field; see the record components for the allowed values. */
  public RdConfig {
    requireAtLeastOne("inputSize", inputSize);
    Objects.requireNonNull(
        architecture,
        "architecture must not be null; allowed: " + Arrays.toString(Architecture.values()));
    Objects.requireNonNull(hiddenSizes, "hiddenSizes must not be null (use an empty list)");
    for (int i = 0; i < hiddenSizes.size(); i++) {
      Integer width = hiddenSizes.get(i);
      if (width == null || width < 1) {
        throw new IllegalArgumentException(
            "hiddenSizes[" + i + "] = " + width + ": every hidden layer width must be at least 1");
      }
    }
    hiddenSizes = List.copyOf(hiddenSizes);
    requireAtLeastOne("mlpLatentSize", mlpLatentSize);
    requireAtLeastOne("convChannels", convChannels);
    requireAtLeastOne("latentChannels", latentChannels);
    requireAtLeastOne("downsamplings", downsamplings);
    requireOddKernel("kernelSize", kernelSize);
    requireOddKernel("decoderKernelSize", decoderKernelSize);
    if (architecture == Architecture.CONV1D) {
      Objects.requireNonNull(imageShape, "imageShape must not be null for architecture CONV1D");
      if (imageShape.height() != 1) {
        throw new IllegalArgumentException(
            "imageShape " + imageShape + ": a CONV1D window is one row high (height 1)");
      }
    }
    if (architecture != Architecture.MLP) {
      Objects.requireNonNull(
          imageShape, "imageShape must not be null for architecture " + architecture);
      if (imageShape.values() != inputSize) {
        throw new IllegalArgumentException(
            "imageShape "
                + imageShape
                + " holds "
                + imageShape.values()
                + " values but inputSize = "
                + inputSize
                + ": they must be equal");
      }
    }
    Objects.requireNonNull(
        outputActivation,
        "outputActivation must not be null; allowed: "
            + Arrays.toString(OutputActivation.values()));
    if (!(Double.isFinite(lambda) && lambda >= 0)) {
      throw new IllegalArgumentException("lambda = " + lambda + ": must be finite and at least 0");
    }
    if (!(Double.isFinite(learningRate) && learningRate > 0)) {
      throw new IllegalArgumentException(
          "learningRate = " + learningRate + ": must be finite and greater than 0");
    }
    if (!(Double.isFinite(finalLearningRate)
        && finalLearningRate > 0
        && finalLearningRate <= learningRate)) {
      throw new IllegalArgumentException(
          "finalLearningRate = "
              + finalLearningRate
              + ": must be finite, greater than 0 and at most learningRate = "
              + learningRate);
    }
    requireAtLeastOne("batchSize", batchSize);
    requireAtLeastOne("epochs", epochs);
    Objects.requireNonNull(timeBudget, "timeBudget must not be null (use UNLIMITED_TIME)");
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget = " + timeBudget + ": must be positive");
    }
    Objects.requireNonNull(ladderSteps, "ladderSteps must not be null");
    if (ladderSteps.isEmpty()) {
      throw new IllegalArgumentException("ladderSteps is empty: give at least one step, e.g. 1");
    }
    for (int i = 0; i < ladderSteps.size(); i++) {
      Float step = ladderSteps.get(i);
      if (step == null || !(Float.isFinite(step) && step > 0)) {
        throw new IllegalArgumentException(
            "ladderSteps[" + i + "] = " + step + ": every step must be finite and greater than 0");
      }
      if (i > 0 && step <= ladderSteps.get(i - 1)) {
        throw new IllegalArgumentException(
            "ladderSteps " + ladderSteps + ": steps must be strictly increasing");
      }
    }
    ladderSteps = List.copyOf(ladderSteps);
    if (warmupEpochs < 0 || warmupEpochs >= epochs) {
      throw new IllegalArgumentException(
          "warmupEpochs = " + warmupEpochs + ": must be at least 0 and below epochs = " + epochs);
    }
    if (patience < 0) {
      throw new IllegalArgumentException(
          "patience = " + patience + ": must be at least 0 (0 turns early stopping off)");
    }
  }

  /**
   * Starts a builder for an MLP model, with defaults for everything else.
   *
   * @param inputSize values per record, at least 1
   * @param latentSize code length, at least 1
   * @return a new builder; validation happens in {@link Builder#build()}
   */
  public static Builder mlp(int inputSize, int latentSize) {
    return new Builder(inputSize, Architecture.MLP).mlpLatentSize(latentSize);
  }

  /**
   * Starts a builder for a convolutional model of images, with defaults for everything else.
   *
   * @param image the records' image shape, not null
   * @return a new builder; validation happens in {@link Builder#build()}
   */
  public static Builder conv2d(ImageShape image) {
    Objects.requireNonNull(image, "image must not be null");
    return new Builder(image.values(), Architecture.CONV2D).imageShape(image);
  }

  /**
   * Starts a builder for a 1-D convolutional model of windows of a series, with defaults for
   * everything else.
   *
   * @param length samples per window, at least 1
   * @param channels values per sample, at least 1
   * @return a new builder; validation happens in {@link Builder#build()}
   */
  public static Builder conv1d(int length, int channels) {
    ImageShape window = new ImageShape(1, length, channels);
    return new Builder(window.values(), Architecture.CONV1D).imageShape(window);
  }

  /**
   * Returns the code length {@code L}: {@link #mlpLatentSize()} for MLP, {@code latentChannels ·
   * latentHeight() · latentWidth()} for CONV2D.
   *
   * @return at least 1
   */
  public int latentSize() {
    return architecture == Architecture.MLP
        ? mlpLatentSize
        : Math.multiplyExact(latentChannels, Math.multiplyExact(latentHeight(), latentWidth()));
  }

  /**
   * Returns the height of the CONV2D latent grid: the image height halved, rounding up, once per
   * downsampling.
   *
   * @return at least 1
   * @throws IllegalStateException for MLP
   */
  public int latentHeight() {
    ImageShape image = requireImage();
    return architecture == Architecture.CONV1D ? 1 : downsampled(image.height());
  }

  /**
   * Returns the width of the CONV2D latent grid.
   *
   * @return at least 1
   * @throws IllegalStateException for MLP
   */
  public int latentWidth() {
    return downsampled(requireImage().width());
  }

  /**
   * Returns a builder holding this configuration's values, to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(inputSize, architecture)
        .hiddenSizes(hiddenSizes)
        .mlpLatentSize(mlpLatentSize)
        .imageShape(imageShape)
        .convChannels(convChannels)
        .latentChannels(latentChannels)
        .downsamplings(downsamplings)
        .kernelSize(kernelSize)
        .decoderKernelSize(decoderKernelSize)
        .outputActivation(outputActivation)
        .lambda(lambda)
        .learningRate(learningRate)
        .finalLearningRate(finalLearningRate)
        .batchSize(batchSize)
        .epochs(epochs)
        .timeBudget(timeBudget)
        .seed(seed)
        .ladderSteps(ladderSteps)
        .warmupEpochs(warmupEpochs)
        .patience(patience);
  }

  private ImageShape requireImage() {
    if (architecture == Architecture.MLP) {
      throw new IllegalStateException("a latent grid exists for CONV2D and CONV1D only, not MLP");
    }
    return imageShape;
  }

  /** Size after {@link #downsamplings} stride-2 convolutions padded by {@code kernelSize / 2}. */
  private int downsampled(int size) {
    int result = size;
    for (int i = 0; i < downsamplings; i++) {
      result = (result + 1) / 2;
    }
    return result;
  }

  private static void requireOddKernel(String field, int value) {
    if (value < 1 || value % 2 == 0) {
      throw new IllegalArgumentException(
          field + " = " + value + ": must be odd and at least 1 (e.g. 3 or 5)");
    }
  }

  private static void requireAtLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " = " + value + ": must be at least 1");
    }
  }

  /** Mutable builder of {@link RdConfig}; not thread-safe. */
  public static final class Builder {
    private final int inputSize;
    private final Architecture architecture;
    private List<Integer> hiddenSizes = DEFAULT_HIDDEN_SIZES;
    private int mlpLatentSize = DEFAULT_MLP_LATENT_SIZE;
    private ImageShape imageShape;
    private int convChannels = DEFAULT_CONV_CHANNELS;
    private int latentChannels = DEFAULT_LATENT_CHANNELS;
    private int downsamplings = DEFAULT_DOWNSAMPLINGS;
    private int kernelSize = DEFAULT_KERNEL_SIZE;
    private int decoderKernelSize = DEFAULT_DECODER_KERNEL_SIZE;
    private OutputActivation outputActivation = OutputActivation.SIGMOID;
    private double lambda = DEFAULT_LAMBDA;
    private double learningRate = DEFAULT_LEARNING_RATE;
    private double finalLearningRate = DEFAULT_FINAL_LEARNING_RATE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int epochs = DEFAULT_EPOCHS;
    private Duration timeBudget = UNLIMITED_TIME;
    private long seed = DEFAULT_SEED;
    private List<Float> ladderSteps = DEFAULT_LADDER_STEPS;
    private int warmupEpochs = DEFAULT_WARMUP_EPOCHS;
    private int patience = DEFAULT_PATIENCE;

    private Builder(int inputSize, Architecture architecture) {
      this.inputSize = inputSize;
      this.architecture = architecture;
    }

    /**
     * Sets the MLP encoder hidden widths, input side first.
     *
     * @param widths not null
     * @return this builder
     */
    public Builder hiddenSizes(List<Integer> widths) {
      this.hiddenSizes = widths;
      return this;
    }

    /**
     * Sets the MLP encoder hidden widths, input side first.
     *
     * @param widths not null
     * @return this builder
     */
    public Builder hiddenSizes(int... widths) {
      this.hiddenSizes = Arrays.stream(widths).boxed().toList();
      return this;
    }

    /**
     * Sets the MLP code length.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder mlpLatentSize(int value) {
      this.mlpLatentSize = value;
      return this;
    }

    /**
     * Sets the image shape of the records (CONV2D).
     *
     * @param value {@code values() == inputSize}; null only for MLP
     * @return this builder
     */
    public Builder imageShape(ImageShape value) {
      this.imageShape = value;
      return this;
    }

    /**
     * Sets the channels of the hidden convolutions (CONV2D).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder convChannels(int value) {
      this.convChannels = value;
      return this;
    }

    /**
     * Sets the channels of the latent grid (CONV2D).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder latentChannels(int value) {
      this.latentChannels = value;
      return this;
    }

    /**
     * Sets the number of stride-2 convolutions (CONV2D).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder downsamplings(int value) {
      this.downsamplings = value;
      return this;
    }

    /**
     * Sets the kernel size of the encoder's convolutions (CONV2D).
     *
     * @param value odd, at least 1
     * @return this builder
     */
    public Builder kernelSize(int value) {
      this.kernelSize = value;
      return this;
    }

    /**
     * Sets the kernel size of the decoder's sub-pixel convolutions (CONV2D).
     *
     * @param value odd, at least 1
     * @return this builder
     */
    public Builder decoderKernelSize(int value) {
      this.decoderKernelSize = value;
      return this;
    }

    /**
     * Sets the decoder output function.
     *
     * @param value not null
     * @return this builder
     */
    public Builder outputActivation(OutputActivation value) {
      this.outputActivation = value;
      return this;
    }

    /**
     * Sets the price of one bit, in summed squared error per record.
     *
     * @param value finite, at least 0
     * @return this builder
     */
    public Builder lambda(double value) {
      this.lambda = value;
      return this;
    }

    /**
     * Sets the Adam learning rate at the start of training.
     *
     * @param value finite, greater than 0
     * @return this builder
     */
    public Builder learningRate(double value) {
      this.learningRate = value;
      return this;
    }

    /**
     * Sets the learning rate reached at the end of the last epoch.
     *
     * @param value finite, greater than 0, at most the learning rate
     * @return this builder
     */
    public Builder finalLearningRate(double value) {
      this.finalLearningRate = value;
      return this;
    }

    /**
     * Sets a fixed learning rate: both the start and the final rate.
     *
     * @param value finite, greater than 0
     * @return this builder
     */
    public Builder fixedLearningRate(double value) {
      this.learningRate = value;
      this.finalLearningRate = value;
      return this;
    }

    /**
     * Sets the number of records per optimiser step.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /**
     * Sets the maximum number of epochs.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder epochs(int value) {
      this.epochs = value;
      return this;
    }

    /**
     * Sets the wall-clock budget.
     *
     * @param value positive, not null
     * @return this builder
     */
    public Builder timeBudget(Duration value) {
      this.timeBudget = value;
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param value any value
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the step multipliers of the operating-point ladder.
     *
     * @param value strictly increasing, each finite and greater than 0, not empty
     * @return this builder
     */
    public Builder ladderSteps(List<Float> value) {
      this.ladderSteps = value;
      return this;
    }

    /**
     * Sets the warm-up epochs of the learning-rate schedule.
     *
     * @param value at least 0, below epochs
     * @return this builder
     */
    public Builder warmupEpochs(int value) {
      this.warmupEpochs = value;
      return this;
    }

    /**
     * Sets the early-stopping patience in epochs.
     *
     * @param value at least 0; 0 turns early stopping off
     * @return this builder
     */
    public Builder patience(int value) {
      this.patience = value;
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the first invalid field, its value and the allowed
     *     values
     * @throws NullPointerException naming a missing field
     */
    public RdConfig build() {
      return new RdConfig(
          inputSize,
          architecture,
          hiddenSizes,
          mlpLatentSize,
          imageShape,
          convChannels,
          latentChannels,
          downsamplings,
          kernelSize,
          decoderKernelSize,
          outputActivation,
          lambda,
          learningRate,
          finalLearningRate,
          batchSize,
          epochs,
          timeBudget,
          seed,
          ladderSteps,
          warmupEpochs,
          patience);
    }
  }
}
