package io.latentwire.trainer.vae;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A trained VAE: its deterministic inference path, run by DJL, its weights as plain arrays for
 * export, and the training history.
 *
 * <p>Owns native memory (the DJL model and its parameters): close it when done. After {@link
 * #close()}, the inference methods throw {@link IllegalStateException}; {@link #weights()}, {@link
 * #history()} and {@link #config()} stay usable because they are plain Java copies. Methods are
 * synchronised, so sharing an instance between threads is safe but serial.
 *
 * <p>Only the deterministic path is reachable here: {@code mu(x)} and {@code decoder(z)}. The
 * log-variance head and sampling exist only inside training.
 */
public final class TrainedVae implements AutoCloseable {
  private static final int CHUNK_ROWS = 4096;

  private final Model model;
  private final VaeBlock block;
  private final ParameterStore store;
  private final VaeConfig config;
  private final List<EpochStats> history;
  private final StopReason stopReason;
  private final VaeWeights weights;
  private boolean closed;

  TrainedVae(
      Model model,
      VaeBlock block,
      VaeConfig config,
      List<EpochStats> history,
      StopReason stopReason) {
    this.model = model;
    this.block = block;
    this.store = new ParameterStore(model.getNDManager(), false);
    this.config = config;
    this.history = List.copyOf(history);
    this.stopReason = stopReason;
    this.weights = block.exportWeights(config.inputSize());
  }

  /**
   * Encodes records to their mean latent codes {@code mu(x)}.
   *
   * @param records {@code N × D} matrix, not null, every row of length {@code D}
   * @return {@code N × L} matrix, newly allocated
   * @throws IllegalArgumentException naming the first row of the wrong length
   * @throws IllegalStateException if this model is closed
   */
  public float[][] encodeMean(float[][] records) {
    float[] flat = RowBuffers.flatten("records", records, config.inputSize());
    return RowBuffers.unflatten(encodeMean(flat), config.latentSize());
  }

  /**
   * Encodes row-major records to row-major mean codes.
   *
   * @param records {@code N * D} values, row-major, not null, not retained
   * @return {@code N * L} values, row-major, newly allocated
   * @throws IllegalArgumentException if the buffer is not a whole number of rows or not finite
   * @throws IllegalStateException if this model is closed
   */
  public float[] encodeMean(float[] records) {
    return run(records, config.inputSize(), config.latentSize(), "records", block::encodeMean);
  }

  /**
   * Decodes latent codes to reconstructions {@code x̂(z)}, in the normalised units of the training
   * data.
   *
   * @param codes {@code N × L} matrix, not null, every row of length {@code L}
   * @return {@code N × D} matrix, newly allocated
   * @throws IllegalArgumentException naming the first row of the wrong length
   * @throws IllegalStateException if this model is closed
   */
  public float[][] decode(float[][] codes) {
    float[] flat = RowBuffers.flatten("codes", codes, config.latentSize());
    return RowBuffers.unflatten(decode(flat), config.inputSize());
  }

  /**
   * Decodes row-major codes to row-major reconstructions.
   *
   * @param codes {@code N * L} values, row-major, not null, not retained
   * @return {@code N * D} values, row-major, newly allocated
   * @throws IllegalArgumentException if the buffer is not a whole number of rows or not finite
   * @throws IllegalStateException if this model is closed
   */
  public float[] decode(float[] codes) {
    return run(codes, config.latentSize(), config.inputSize(), "codes", block::decode);
  }

  /**
   * Mean squared error per value of {@code decoder(mu(x))} on the given rows.
   *
   * @param records row-major {@code N * D} values, at least one row, not null, not retained
   * @return the mean over all {@code N * D} values
   * @throws IllegalStateException if this model is closed
   */
  public synchronized double reconstructionMse(float[] records) {
    ensureOpen();
    int count = RowBuffers.countRows("records", records, config.inputSize(), false);
    return VaeTrainer.reconstructionError(
        block, model.getNDManager(), store, records, count, config.inputSize());
  }

  /**
   * Returns the inference-path weights as plain arrays (available after close too).
   *
   * @return immutable weights, not null
   */
  public VaeWeights weights() {
    return weights;
  }

  /**
   * Returns the statistics of each trained epoch, oldest first; the last may be partial.
   *
   * @return an immutable list, not empty
   */
  public List<EpochStats> history() {
    return history;
  }

  /**
   * Tells why training stopped.
   *
   * @return not null
   */
  public StopReason stopReason() {
    return stopReason;
  }

  /**
   * Returns the configuration this model was trained with.
   *
   * @return not null
   */
  public VaeConfig config() {
    return config;
  }

  /** Releases the native memory; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private synchronized float[] run(
      float[] input,
      int inWidth,
      int outWidth,
      String name,
      BiFunction<ParameterStore, NDArray, NDArray> path) {
    ensureOpen();
    Objects.requireNonNull(input, name + " must not be null");
    int count = RowBuffers.countRows(name, input, inWidth, true);
    float[] output = new float[Math.multiplyExact(count, outWidth)];
    for (int start = 0; start < count; start += CHUNK_ROWS) {
      int chunk = Math.min(CHUNK_ROWS, count - start);
      try (NDManager scope = model.getNDManager().newSubManager()) {
        NDArray in =
            scope.create(
                FloatBuffer.wrap(input, start * inWidth, chunk * inWidth).slice(),
                new Shape(chunk, inWidth));
        float[] result = path.apply(store, in).toFloatArray();
        System.arraycopy(result, 0, output, start * outWidth, result.length);
      }
    }
    return output;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this TrainedVae is closed; its native model was released");
    }
  }
}
