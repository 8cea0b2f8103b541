package io.latentwire.trainer.rd;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import io.latentwire.trainer.TrainerException;
import io.latentwire.trainer.nn.BatchProgress;
import io.latentwire.trainer.nn.DjlEngine;
import io.latentwire.trainer.nn.RowBuffers;
import io.latentwire.trainer.nn.StopReason;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Memory: the training rows stay where the caller keeps them ({@link RowSource}); one batch at a
 * time is copied into native memory. The latent offset (per-dimension medians) is computed on at
 * most {@value TrainedRdModel#MEDIAN_ROWS} evenly spaced training rows.
 *
 * <p>Schedule and stopping: the learning rate warms up linearly for {@link RdConfig#warmupEpochs()}
 * then follows a half cosine down to {@link RdConfig#finalLearningRate()} ({@link
 * LearningRateSchedule}); with {@link RdConfig#patience()} above 0, training stops once the
 * validation loss has not improved for that many epochs and the best epoch's weights are restored.
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
    RowBuffers.countRows("trainRows", trainRows, config.inputSize(), false);
    return train(RowSource.of(trainRows, config.inputSize()), validationRows, config, listener);
  }

  /**
   * Trains a rate–distortion model on rows read one batch at a time from {@code trainRows}, so they
   * may live off the Java heap (a memory-mapped file): the heap holds one batch, the validation
   * rows, an {@code int} per training row (the epoch's order) and at most {@value
   * TrainedRdModel#MEDIAN_ROWS} rows for the latent offset.
   *
   * @param trainRows at least one row of {@code config.inputSize()} normalised values; each read
   *     row is checked to be finite; not null, not retained past the call
   * @param validationRows as in {@link #train(float[], float[], RdConfig, RdProgressListener)}
   * @param config validated hyperparameters, not null
   * @param listener progress callback on this thread, not null
   * @return the trained model; the caller owns it and must close it
   * @throws IllegalArgumentException if the source's width is not {@code config.inputSize()}, it is
   *     empty, or a row holds a non-finite value (the message names the row and column)
   * @throws IllegalStateException if another training is running in this JVM
   * @throws TrainerException if the engine cannot start or training diverges
   */
  public TrainedRdModel train(
      RowSource trainRows, float[] validationRows, RdConfig config, RdProgressListener listener) {
    Objects.requireNonNull(trainRows, "trainRows must not be null");
    Objects.requireNonNull(config, "config must not be null");
    Objects.requireNonNull(listener, "listener must not be null (use RdProgressListener.NONE)");
    int width = config.inputSize();
    if (trainRows.width() != width) {
      throw new IllegalArgumentException(
          "trainRows has rows of " + trainRows.width() + " values, config.inputSize() = " + width);
    }
    int trainCount = trainRows.rows();
    if (trainCount < 1) {
      throw new IllegalArgumentException("trainRows is empty: at least one row is needed");
    }
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
      RowSource trainRows,
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
      try (Trainer trainer = new Trainer(model, trainingConfig(config, run.schedule))) {
        trainer.initialize(
            new Shape(config.batchSize(), config.inputSize()),
            new Shape(config.batchSize(), config.latentSize()));
        run.execute(trainer);
        run.restoreBest(model);
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

  private static DefaultTrainingConfig trainingConfig(
      RdConfig config, LearningRateSchedule schedule) {
    Optimizer adam = Optimizer.adam().optLearningRateTracker(schedule).build();
    return new DefaultTrainingConfig(new RdLoss(config.lambda()))
        .optOptimizer(adam)
        .optDevices(new Device[] {Device.cpu()});
  }

  /** The mutable state of one training run. */
  private static final class Run {
    private final RdConfig config;
    private final RdProgressListener listener;
    private final RdNetwork network;
    private final RowSource trainRows;
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
    private final LearningRateSchedule schedule;
    private StopReason stopReason = StopReason.EPOCHS_COMPLETED;
    private long startNanos;
    private int stepsDone;
    private double bestValidationLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private Map<String, float[]> bestWeights;

    Run(
        RdConfig config,
        RdProgressListener listener,
        RdNetwork network,
        RowSource trainRows,
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
      this.schedule = LearningRateSchedule.of(config, batchesPerEpoch);
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
                config.inputSize() * validation[0] + config.lambda() * validation[1],
                schedule.at(Math.max(0, stepsDone - 1)),
                elapsed());
        history.add(stats);
        listener.onEpoch(stats);
        if (outOfTime && (epoch < config.epochs() || !stats.complete())) {
          stopReason = StopReason.TIME_BUDGET_EXHAUSTED;
          return;
        }
        if (config.patience() > 0 && validationCount > 0 && earlyStop(stats)) {
          stopReason = StopReason.EARLY_STOPPED;
          return;
        }
      }
    }

    /**
     * Remembers the weights of a new best epoch; tells whether {@code patience} epochs have passed
     * since the last one.
     */
    private boolean earlyStop(RdEpochStats stats) {
      if (stats.validationLoss() < bestValidationLoss) {
        bestValidationLoss = stats.validationLoss();
        bestEpoch = stats.epoch();
        bestWeights = snapshot(network);
        return false;
      }
      return stats.epoch() - bestEpoch >= config.patience();
    }

    /** With early stopping on, puts the best epoch's weights back (training may end past it). */
    void restoreBest(Model model) {
      if (bestWeights == null || bestEpoch == history.get(history.size() - 1).epoch()) {
        return;
      }
      for (Pair<String, Parameter> p : network.getParameters()) {
        NDArray array = p.getValue().getArray();
        array.set(FloatBuffer.wrap(bestWeights.get(p.getKey())));
      }
    }

    private static Map<String, float[]> snapshot(RdNetwork network) {
      Map<String, float[]> copy = new HashMap<>();
      for (Pair<String, Parameter> p : network.getParameters()) {
        copy.put(p.getKey(), p.getValue().getArray().toFloatArray());
      }
      return copy;
    }

    /** Trains one batch; returns the number of rows in it and adds its loss terms to sums. */
    private int step(Trainer trainer, int epoch, int batchIndex, double[] sums) {
      int width = config.inputSize();
      int latent = config.latentSize();
      int batchSize = batch.length / width;
      int first = batchIndex * batchSize;
      int rows = Math.min(batchSize, trainCount - first);
      for (int r = 0; r < rows; r++) {
        trainRows.read(order[first + r], batch, r * width);
      }
      requireFinite(rows, first);
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
        stepsDone++;
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

    private void requireFinite(int rows, int first) {
      int width = config.inputSize();
      for (int i = 0; i < rows * width; i++) {
        if (!Float.isFinite(batch[i])) {
          throw new IllegalArgumentException(
              "trainRows row "
                  + order[first + i / width]
                  + ", column "
                  + (i % width)
                  + " is "
                  + batch[i]
                  + ": training rows must be finite");
        }
      }
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
