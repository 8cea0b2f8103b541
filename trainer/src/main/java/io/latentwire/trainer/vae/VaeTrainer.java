package io.latentwire.trainer.vae;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.latentwire.trainer.TrainerException;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains an MLP variational autoencoder with DJL on the PyTorch engine (CPU).
 *
 * <p>Reproducibility: every random choice (initial weights, the order of rows in each epoch, the
 * sampling noise) is drawn in Java from generators split off {@link VaeConfig#seed()}, and the
 * engine's own generator is seeded too. With the same data, configuration and thread settings, two
 * runs produce the same weights, bit for bit. Run the engine with one intra-op thread ({@code
 * -Dai.djl.pytorch.num_threads=1}, {@code OMP_NUM_THREADS=1}, {@code OMP_WAIT_POLICY=PASSIVE}):
 * besides being fastest on small shared machines, a fixed thread count keeps float reductions in a
 * fixed order.
 *
 * <p>Memory: the training rows stay in the caller's {@code float[]}; only one batch at a time is
 * copied into native memory.
 *
 * <p>Instances hold no state and may be shared. One training runs at a time per JVM: DJL's PyTorch
 * gradient collection is process-wide, so a second concurrent call would fail at a random step
 * inside DJL; it is refused up front instead.
 */
public final class VaeTrainer {
  /** Rows per native call when evaluating the validation error. */
  private static final int EVALUATION_CHUNK_ROWS = 4096;

  /** Creates a trainer. */
  public VaeTrainer() {}

  /**
   * Trains a VAE.
   *
   * @param trainRows training records, row-major: row {@code r} is {@code trainRows[r * D .. (r+1)
   *     * D)} with {@code D = config.inputSize()}; already normalised (to [0, 1] for {@link
   *     OutputActivation#SIGMOID}); at least one row; not null, not modified, not retained
   * @param validationRows held-out records in the same layout; may be empty (then the validation
   *     error is {@code NaN}); not null, not retained
   * @param config validated hyperparameters, not null
   * @param listener progress callback on this thread, not null (use {@link
   *     TrainingProgressListener#NONE})
   * @return the trained model; the caller owns it and must close it
   * @throws IllegalArgumentException if a buffer is not a whole number of rows or holds a
   *     non-finite value (the message names the buffer, row and column)
   * @throws TrainerException if the engine cannot start or training diverges
   */
  public TrainedVae train(
      float[] trainRows,
      float[] validationRows,
      VaeConfig config,
      TrainingProgressListener listener) {
    Objects.requireNonNull(config, "config must not be null");
    Objects.requireNonNull(
        listener, "listener must not be null (use TrainingProgressListener.NONE)");
    int width = config.inputSize();
    int trainCount = RowBuffers.countRows("trainRows", trainRows, width, false);
    int validationCount = RowBuffers.countRows("validationRows", validationRows, width, true);

    try {
      return DjlEngine.exclusively(
          "VAE",
          () ->
              trainExclusively(
                  trainRows, trainCount, validationRows, validationCount, config, listener));
    } catch (EngineException e) {
      throw new TrainerException("training failed inside the DJL PyTorch engine", e);
    }
  }

  /**
   * Trains a VAE from matrices; a convenience that flattens them into row-major buffers first
   * (briefly doubling the memory the data take). Prefer {@link #train(float[], float[], VaeConfig,
   * TrainingProgressListener)} for large data sets.
   *
   * @param trainRows {@code N × D} training records, at least one row, not null
   * @param validationRows {@code M × D} validation records, may have no rows, not null
   * @param config validated hyperparameters, not null
   * @param listener progress callback on this thread, not null
   * @return the trained model; the caller owns it and must close it
   * @throws IllegalArgumentException naming the first row whose length is not {@code D}
   * @throws TrainerException if the engine cannot start or training diverges
   */
  public TrainedVae train(
      float[][] trainRows,
      float[][] validationRows,
      VaeConfig config,
      TrainingProgressListener listener) {
    Objects.requireNonNull(config, "config must not be null");
    return train(
        RowBuffers.flatten("trainRows", trainRows, config.inputSize()),
        RowBuffers.flatten("validationRows", validationRows, config.inputSize()),
        config,
        listener);
  }

  private TrainedVae trainExclusively(
      float[] trainRows,
      int trainCount,
      float[] validationRows,
      int validationCount,
      VaeConfig config,
      TrainingProgressListener listener) {
    int width = config.inputSize();
    Engine engine = DjlEngine.pytorch();
    // Our own draws do not use the engine generator; seeding it anyway keeps any engine-side
    // randomness (none today) reproducible too.
    engine.setRandomSeed(Long.hashCode(config.seed()));
    SplittableRandom root = new SplittableRandom(config.seed());
    long initSeed = root.nextLong();
    SplittableRandom shuffleRandom = root.split();
    SplittableRandom noiseRandom = root.split();

    Model model = Model.newInstance("latentwire-vae", Device.cpu(), DjlEngine.NAME);
    boolean handedOver = false;
    try {
      VaeBlock block = new VaeBlock(config, initSeed);
      model.setBlock(block);
      Run run =
          new Run(
              config,
              listener,
              block,
              trainRows,
              trainCount,
              validationRows,
              validationCount,
              shuffleRandom,
              noiseRandom);
      // Built directly rather than through model.newTrainer(...), which would apply the training
      // configuration's default initialisers over our seeded ones.
      try (Trainer trainer = new Trainer(model, trainingConfig(config))) {
        trainer.initialize(new Shape(config.batchSize(), width), new Shape(1, config.latentSize()));
        run.execute(trainer, new ParameterStore(model.getNDManager(), false));
      }
      TrainedVae trained = new TrainedVae(model, block, config, run.history, run.stopReason);
      handedOver = true;
      return trained;
    } finally {
      if (!handedOver) {
        model.close();
      }
    }
  }

  private static DefaultTrainingConfig trainingConfig(VaeConfig config) {
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
            .build();
    return new DefaultTrainingConfig(new VaeLoss(config.beta()))
        .optOptimizer(adam)
        .optDevices(new Device[] {Device.cpu()});
  }

  /** The mutable state of one training run. */
  private static final class Run {
    private final VaeConfig config;
    private final TrainingProgressListener listener;
    private final VaeBlock block;
    private final float[] trainRows;
    private final int trainCount;
    private final float[] validationRows;
    private final int validationCount;
    private final SplittableRandom shuffleRandom;
    private final SplittableRandom noiseRandom;
    private final int batchesPerEpoch;
    private final int[] order;
    private final float[] batch;
    private final float[] noise;
    private final List<EpochStats> history = new ArrayList<>();
    private StopReason stopReason = StopReason.EPOCHS_COMPLETED;
    private long startNanos;

    Run(
        VaeConfig config,
        TrainingProgressListener listener,
        VaeBlock block,
        float[] trainRows,
        int trainCount,
        float[] validationRows,
        int validationCount,
        SplittableRandom shuffleRandom,
        SplittableRandom noiseRandom) {
      this.config = config;
      this.listener = listener;
      this.block = block;
      this.trainRows = trainRows;
      this.trainCount = trainCount;
      this.validationRows = validationRows;
      this.validationCount = validationCount;
      this.shuffleRandom = shuffleRandom;
      this.noiseRandom = noiseRandom;
      int batchSize = Math.min(config.batchSize(), trainCount);
      this.batchesPerEpoch = (trainCount + batchSize - 1) / batchSize;
      this.order = new int[trainCount];
      for (int i = 0; i < trainCount; i++) {
        order[i] = i;
      }
      this.batch = new float[Math.multiplyExact(batchSize, config.inputSize())];
      this.noise = new float[Math.multiplyExact(batchSize, config.latentSize())];
    }

    void execute(Trainer trainer, ParameterStore inferenceStore) {
      startNanos = System.nanoTime();
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        shuffle();
        double[] sums = new double[3]; // loss, reconstruction, KL, each weighted by batch rows
        long rowsDone = 0;
        int batchesDone = 0;
        boolean outOfTime = false;
        while (batchesDone < batchesPerEpoch && !outOfTime) {
          int rows = step(trainer, epoch, batchesDone, sums);
          rowsDone += rows;
          batchesDone++;
          listener.onBatch(
              new BatchProgress(
                  epoch,
                  config.epochs(),
                  batchesDone,
                  batchesPerEpoch,
                  sums[0] / rowsDone,
                  elapsed()));
          outOfTime = elapsed().compareTo(config.timeBudget()) >= 0;
        }
        double validationMse =
            meanSquaredError(trainer.getManager(), inferenceStore, validationRows, validationCount);
        EpochStats stats =
            new EpochStats(
                epoch,
                batchesDone,
                batchesPerEpoch,
                sums[0] / rowsDone,
                sums[1] / rowsDone,
                sums[2] / rowsDone,
                validationMse,
                elapsed());
        history.add(stats);
        listener.onEpoch(stats);
        if (outOfTime && (epoch < config.epochs() || !stats.complete())) {
          stopReason = StopReason.TIME_BUDGET_EXHAUSTED;
          return;
        }
      }
    }

    /** Trains one batch; returns the number of rows in it and adds its loss terms to sums. */
    private int step(Trainer trainer, int epoch, int batchIndex, double[] sums) {
      int width = config.inputSize();
      int latent = config.latentSize();
      int batchSize = batch.length / width;
      int first = batchIndex * batchSize;
      int rows = Math.min(batchSize, trainCount - first);
      for (int r = 0; r < rows; r++) {
        System.arraycopy(trainRows, order[first + r] * width, batch, r * width, width);
      }
      for (int i = 0; i < rows * latent; i++) {
        noise[i] = (float) noiseRandom.nextGaussian();
      }
      float[] terms;
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDArray x = scope.create(FloatBuffer.wrap(batch, 0, rows * width), new Shape(rows, width));
        NDArray eps =
            scope.create(FloatBuffer.wrap(noise, 0, rows * latent), new Shape(rows, latent));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(new NDList(x, eps));
          NDList lossTerms = ((VaeLoss) trainer.getLoss()).terms(x, predictions);
          collector.backward(lossTerms.get(0));
          terms = VaeLoss.read(lossTerms);
        }
        trainer.step();
      }
      if (!Float.isFinite(terms[0])) {
        throw new TrainerException(
            "training diverged in epoch "
                + epoch
                + ", batch "
                + (batchIndex + 1)
                + ": loss = "
                + terms[0]
                + "; lower learningRate (now "
                + config.learningRate()
                + ") or check the normalisation of the data");
      }
      for (int t = 0; t < 3; t++) {
        sums[t] += (double) terms[t] * rows;
      }
      return rows;
    }

    /** Fisher–Yates with the run's shuffle generator: the order depends on the seed alone. */
    private void shuffle() {
      for (int i = order.length - 1; i > 0; i--) {
        int j = shuffleRandom.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    }

    private double meanSquaredError(
        NDManager manager, ParameterStore store, float[] rows, int count) {
      return count == 0
          ? Double.NaN
          : reconstructionError(block, manager, store, rows, count, config.inputSize());
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }
  }

  /**
   * Mean squared error per value of the deterministic path {@code decoder(mu(x))}, evaluated in
   * chunks so native memory stays bounded.
   */
  static double reconstructionError(
      VaeBlock block, NDManager manager, ParameterStore store, float[] rows, int count, int width) {
    double sum = 0;
    for (int start = 0; start < count; start += EVALUATION_CHUNK_ROWS) {
      int chunk = Math.min(EVALUATION_CHUNK_ROWS, count - start);
      try (NDManager scope = manager.newSubManager()) {
        NDArray x =
            scope.create(
                FloatBuffer.wrap(rows, start * width, chunk * width).slice(),
                new Shape(chunk, width));
        NDArray reconstruction = block.decode(store, block.encodeMean(store, x));
        sum += reconstruction.sub(x).square().sum().getFloat();
      }
    }
    return sum / ((double) count * width);
  }
}
