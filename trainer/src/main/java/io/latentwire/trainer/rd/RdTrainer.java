package io.latentwire.trainer.rd;

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
import io.latentwire.trainer.vae.BatchProgress;
import io.latentwire.trainer.vae.DjlEngine;
import io.latentwire.trainer.vae.RowBuffers;
import io.latentwire.trainer.vae.StopReason;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a rate–distortion autoencoder with DJL on the PyTorch engine (CPU): the objective {@code
 * distortion + lambda · rate} of {@link RdConfig}, with the quantiser relaxed to additive uniform
 * noise during training.
 *
 * <p>Reproducibility: every random choice (initial weights, the order of rows in each epoch, the
 * quantisation noise) is drawn in Java from generators split off {@link RdConfig#seed()}. With the
 * same data, configuration and thread settings, two runs produce the same weights, bit for bit. Run
 * the engine with one intra-op thread ({@code -Dai.djl.pytorch.num_threads=1}, {@code
 * OMP_NUM_THREADS=1}, {@code OMP_WAIT_POLICY=PASSIVE}): a fixed thread count keeps float reductions
 * in a fixed order.
 *
 * <p>Memory: the training rows stay in the caller's {@code float[]}; one batch at a time is copied
 * into native memory. After training, the latents of all training rows are held once in Java to
 * compute the latent offset ({@code N · L} floats).
 *
 * <p>Instances hold no state and may be shared. One training runs at a time per JVM (any trainer of
 * this module): see {@link DjlEngine#exclusively}.
 */
public final class RdTrainer {

  /** Creates a trainer. */
  public RdTrainer() {}

  /**
   * Trains a rate–distortion model.
   *
   * @param trainRows training records, row-major: row {@code r} is {@code trainRows[r · D .. (r+1)
   *     · D)} with {@code D = config.inputSize()}; already normalised (to [0, 1] for a sigmoid
   *     output); at least one row; not null, not modified, not retained
   * @param validationRows held-out records in the same layout; may be empty (then the validation
   *     figures are {@code NaN}); not null, not retained
   * @param config validated hyperparameters, not null
   * @param listener progress callback on this thread, not null (use {@link
   *     RdProgressListener#NONE})
   * @return the trained model; the caller owns it and must close it
   * @throws IllegalArgumentException if a buffer is not a whole number of rows or holds a
   *     non-finite value (the message names the buffer, row and column)
   * @throws IllegalStateException if another training is running in this JVM
   * @throws TrainerException if the engine cannot start or training diverges
   */
  public TrainedRdModel train(
      float[] trainRows, float[] validationRows, RdConfig config, RdProgressListener listener) {
    Objects.requireNonNull(config, "config must not be null");
    Objects.requireNonNull(listener, "listener must not be null (use RdProgressListener.NONE)");
    int width = config.inputSize();
    int trainCount = RowBuffers.countRows("trainRows", trainRows, width, false);
    int validationCount = RowBuffers.countRows("validationRows", validationRows, width, true);
    try {
      return DjlEngine.exclusively(
          "rate-distortion",
          () ->
              trainExclusively(
                  trainRows, trainCount, validationRows, validationCount, config, listener));
    } catch (EngineException e) {
      throw new TrainerException(
          "rate-distortion training failed inside the DJL PyTorch engine", e);
    }
  }

  private TrainedRdModel trainExclusively(
      float[] trainRows,
      int trainCount,
      float[] validationRows,
      int validationCount,
      RdConfig config,
      RdProgressListener listener) {
    Engine engine = DjlEngine.pytorch();
    // Our own draws do not use the engine generator; seeding it anyway keeps any engine-side
    // randomness (none today) reproducible too.
    engine.setRandomSeed(Long.hashCode(config.seed()));
    SplittableRandom root = new SplittableRandom(config.seed());
    long initSeed = root.nextLong();
    SplittableRandom shuffleRandom = root.split();
    SplittableRandom noiseRandom = root.split();

    Model model = Model.newInstance("latentwire-rd", Device.cpu(), DjlEngine.NAME);
    boolean handedOver = false;
    try {
      RdNetwork network = RdNetwork.create(config, initSeed);
      model.setBlock(network);
      Run run =
          new Run(
              config,
              listener,
              network,
              trainRows,
              trainCount,
              validationRows,
              validationCount,
              shuffleRandom,
              noiseRandom);
      // Built directly rather than through model.newTrainer(...), which would apply the training
      // configuration's default initialisers over our seeded ones.
      try (Trainer trainer = new Trainer(model, trainingConfig(config, run.batchesPerEpoch))) {
        trainer.initialize(
            new Shape(config.batchSize(), config.inputSize()),
            new Shape(config.batchSize(), config.latentSize()));
        run.execute(trainer);
      }
      TrainedRdModel trained =
          TrainedRdModel.freeze(model, network, config, trainRows, run.history, run.stopReason);
      handedOver = true;
      return trained;
    } finally {
      if (!handedOver) {
        model.close();
      }
    }
  }

  private static DefaultTrainingConfig trainingConfig(RdConfig config, int batchesPerEpoch) {
    Tracker learningRate =
        config.finalLearningRate() == config.learningRate()
            ? Tracker.fixed((float) config.learningRate())
            : Tracker.cosine()
                .setBaseValue((float) config.learningRate())
                .optFinalValue((float) config.finalLearningRate())
                .setMaxUpdates(Math.multiplyExact(config.epochs(), batchesPerEpoch))
                .build();
    Optimizer adam = Optimizer.adam().optLearningRateTracker(learningRate).build();
    return new DefaultTrainingConfig(new RdLoss(config.lambda()))
        .optOptimizer(adam)
        .optDevices(new Device[] {Device.cpu()});
  }

  /** The mutable state of one training run. */
  private static final class Run {
    private final RdConfig config;
    private final RdProgressListener listener;
    private final RdNetwork network;
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
    private final List<RdEpochStats> history = new ArrayList<>();
    private StopReason stopReason = StopReason.EPOCHS_COMPLETED;
    private long startNanos;

    Run(
        RdConfig config,
        RdProgressListener listener,
        RdNetwork network,
        float[] trainRows,
        int trainCount,
        float[] validationRows,
        int validationCount,
        SplittableRandom shuffleRandom,
        SplittableRandom noiseRandom) {
      this.config = config;
      this.listener = listener;
      this.network = network;
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

    void execute(Trainer trainer) {
      ParameterStore inferenceStore = new ParameterStore(trainer.getManager(), false);
      startNanos = System.nanoTime();
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        shuffle();
        double[] sums = new double[3]; // loss, distortion, rate, each weighted by batch rows
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
        double[] validation =
            validationCount == 0
                ? new double[] {Double.NaN, Double.NaN}
                : RoundedPath.evaluate(
                    network,
                    trainer.getManager(),
                    inferenceStore,
                    validationRows,
                    config.inputSize());
        RdEpochStats stats =
            new RdEpochStats(
                epoch,
                batchesDone,
                batchesPerEpoch,
                sums[0] / rowsDone,
                sums[1] / rowsDone,
                sums[2] / rowsDone,
                validation[0],
                validation[1],
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
        noise[i] = (float) (noiseRandom.nextDouble() - 0.5);
      }
      float[] terms;
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDArray x = scope.create(FloatBuffer.wrap(batch, 0, rows * width), new Shape(rows, width));
        NDArray u =
            scope.create(FloatBuffer.wrap(noise, 0, rows * latent), new Shape(rows, latent));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(new NDList(x, u));
          NDList lossTerms = ((RdLoss) trainer.getLoss()).terms(x, predictions);
          collector.backward(lossTerms.get(0));
          terms = RdLoss.read(lossTerms);
        }
        trainer.step();
      }
      if (!Float.isFinite(terms[0])) {
        throw new TrainerException(
            "rate-distortion training diverged in epoch "
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

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }
  }
}
