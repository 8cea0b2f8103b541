package io.latentwire.trainer.rd;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.latentwire.codec.entropy.FrequencyTable;
import io.latentwire.codec.quant.UniformQuantizer;
import io.latentwire.trainer.nn.RowBuffers;
import io.latentwire.trainer.nn.StopReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained rate–distortion model, frozen for deployment: its deterministic path run by DJL, its
 * weights as plain arrays for export, the operating-point ladder, and the training history.
 *
 * <p><b>The code.</b> {@link #encode} returns {@code y(x) − offset}, where {@code offset} is the
 * per-dimension median of {@code y} over the training rows, computed once when the model is frozen;
 * {@link #decode} adds it back before the decoder. Quantising this centred code (rather than {@code
 * y}) is CompressAI's median trick: a dimension the model does not use is constant, so it becomes
 * exactly 0 and quantises to symbol 0 at every step, and the rounding grid of a used dimension is
 * centred on its most likely value. The exported ONNX models contain the same subtraction and
 * addition, so ONNX Runtime, this class and the ladder agree.
 *
 * <p>Owns native memory (the DJL model): close it when done. After {@link #close()} the methods
 * that run the network throw {@link IllegalStateException}; {@link #weights()}, {@link #history()},
 * {@link #config()} and {@link #stopReason()} stay usable (plain Java copies). Methods are
 * synchronised: sharing an instance between threads is safe but serial.
 */
public final class TrainedRdModel implements AutoCloseable {
  private final Model model;
  private final RdNetwork network;
  private final ParameterStore store;
  private final RdConfig config;
  private final List<RdEpochStats> history;
  private final StopReason stopReason;
  private final float[] latentOffset;
  private final RdWeights weights;
  private boolean closed;

  private TrainedRdModel(
      Model model,
      RdNetwork network,
      RdConfig config,
      List<RdEpochStats> history,
      StopReason stopReason,
      float[] latentOffset) {
    this.model = model;
    this.network = network;
    this.store = new ParameterStore(model.getNDManager(), false);
    this.config = config;
    this.history = List.copyOf(history);
    this.stopReason = stopReason;
    this.latentOffset = latentOffset;
    this.weights = network.weights(latentOffset);
  }

  /** Freezes a trained network: computes the latent offset on the training rows. */
  static TrainedRdModel freeze(
      Model model,
      RdNetwork network,
      RdConfig config,
      RowSource trainRows,
      List<RdEpochStats> history,
      StopReason stopReason) {
    ParameterStore store = new ParameterStore(model.getNDManager(), false);
    float[] latents =
        Chunked.map(
            model.getNDManager(),
            medianSample(trainRows),
            config.inputSize(),
            config.latentSize(),
            x -> network.encode(store, x, false));
    return new TrainedRdModel(
        model, network, config, history, stopReason, medians(latents, config.latentSize()));
  }

  /** Rows the medians are taken on: at most this many, evenly spaced, so memory stays bounded. */
  static final int MEDIAN_ROWS = 1 << 16;

  private static float[] medianSample(RowSource rows) {
    int count = Math.min(rows.rows(), MEDIAN_ROWS);
    float[] sample = new float[Math.multiplyExact(count, rows.width())];
    for (int i = 0; i < count; i++) {
      rows.read((int) ((long) i * rows.rows() / count), sample, i * rows.width());
    }
    return sample;
  }

  private static float[] medians(float[] latents, int latentSize) {
    int rows = latents.length / latentSize;
    float[] medians = new float[latentSize];
    float[] column = new float[rows];
    for (int j = 0; j < latentSize; j++) {
      for (int r = 0; r < rows; r++) {
        column[r] = latents[r * latentSize + j];
      }
      Arrays.sort(column);
      medians[j] = column[(rows - 1) / 2];
    }
    return medians;
  }

  /**
   * Encodes records to their centred codes {@code y(x) − offset}, in units of the trained
   * quantisation step (round them for the trained operating point).
   *
   * @param records {@code N · D} values, row-major, not null, finite, not retained
   * @return {@code N · L} values, row-major, newly allocated
   * @throws IllegalArgumentException if the buffer is not a whole number of rows or not finite
   * @throws IllegalStateException if this model is closed
   */
  public synchronized float[] encode(float[] records) {
    ensureOpen();
    RowBuffers.countRows("records", records, config.inputSize(), true);
    return Chunked.map(
        model.getNDManager(),
        records,
        config.inputSize(),
        config.latentSize(),
        x -> network.encode(store, x, false).sub(offset(x.getManager())));
  }

  /**
   * Decodes centred codes (typically quantised: {@code q · step}) to reconstructions, in the
   * normalised units of the training data.
   *
   * @param codes {@code N · L} values, row-major, not null, finite, not retained
   * @return {@code N · D} values, row-major, newly allocated
   * @throws IllegalArgumentException if the buffer is not a whole number of rows or not finite
   * @throws IllegalStateException if this model is closed
   */
  public synchronized float[] decode(float[] codes) {
    ensureOpen();
    RowBuffers.countRows("codes", codes, "latentSize", config.latentSize(), true);
    return Chunked.map(
        model.getNDManager(),
        codes,
        config.latentSize(),
        config.inputSize(),
        z -> network.decode(store, z.add(offset(z.getManager())), false));
  }

  /**
   * Builds the operating points of {@link RdConfig#ladderSteps()}: for each step {@code s}, the
   * per-dimension frequency tables of {@code round(encode(trainRows) / s)}, and the estimated bytes
   * per record and PSNR of {@code decode(q · s)} on {@code evaluationRows}.
   *
   * <p>Cost: one encoder pass over each buffer, and per step one decoder pass over the evaluation
   * rows; the training codes are held in Java meanwhile ({@code N · L} floats).
   *
   * @param trainRows rows to count symbols on (normally the training rows), at least one row, not
   *     null, not retained
   * @param evaluationRows rows to measure on (validation or test), at least one row, not null, not
   *     retained
   * @return one point per configured step, in increasing step order (finest first)
   * @throws IllegalArgumentException if a buffer is empty, not a whole number of rows or not finite
   * @throws IllegalStateException if this model is closed
   */
  public synchronized List<LadderPoint> ladder(float[] trainRows, float[] evaluationRows) {
    ensureOpen();
    RowBuffers.countRows("trainRows", trainRows, config.inputSize(), false);
    RowBuffers.countRows("evaluationRows", evaluationRows, config.inputSize(), false);
    float[] trainCodes = encode(trainRows);
    float[] evaluationCodes = encode(evaluationRows);
    List<LadderPoint> points = new ArrayList<>();
    for (float step : config.ladderSteps()) {
      UniformQuantizer quantizer = new UniformQuantizer(step);
      List<FrequencyTable> tables =
          EntropyTables.count(EntropyTables.quantize(trainCodes, quantizer), config.latentSize());
      int[] symbols = EntropyTables.quantize(evaluationCodes, quantizer);
      double bytes = Arrays.stream(EntropyTables.recordBytes(symbols, tables)).average().orElse(0);
      float[] dequantized = new float[symbols.length];
      quantizer.dequantize(symbols, dequantized);
      double mse = meanSquaredError(decode(dequantized), evaluationRows);
      long zeros = Arrays.stream(symbols).filter(s -> s == 0).count();
      points.add(
          new LadderPoint(
              step, tables, bytes, mse, -10 * Math.log10(mse), (double) zeros / symbols.length));
    }
    return points;
  }

  private static double meanSquaredError(float[] reconstruction, float[] rows) {
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      double d = reconstruction[i] - rows[i];
      sum += d * d;
    }
    return sum / rows.length;
  }

  /**
   * Returns the deployment-path weights as plain arrays, with the latent offset (available after
   * close too). Export them with {@code OnnxExporter}.
   *
   * @return immutable weights, not null
   */
  public RdWeights weights() {
    return weights;
  }

  /**
   * Returns the code length.
   *
   * @return L
   */
  public int latentSize() {
    return config.latentSize();
  }

  /**
   * Returns the statistics of each trained epoch, oldest first; the last may be partial.
   *
   * @return an immutable list, not empty
   */
  public List<RdEpochStats> history() {
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
  public RdConfig config() {
    return config;
  }

  /**
   * Returns the likelihood of each symbol value {@code minSymbol .. maxSymbol} of each dimension of
   * the centred code at the trained step, under the learned prior: {@code P_j(q) = F_j(q + offset_j
   * + ½) − F_j(q + offset_j − ½)}. For comparing the prior with the counted tables.
   *
   * @return {@code [maxSymbol − minSymbol + 1][L]}
   */
  synchronized float[][] priorProbabilities(int minSymbol, int maxSymbol) {
    ensureOpen();
    int symbols = maxSymbol - minSymbol + 1;
    int latent = config.latentSize();
    float[] grid = new float[symbols * latent];
    for (int k = 0; k < symbols; k++) {
      for (int j = 0; j < latent; j++) {
        grid[k * latent + j] = minSymbol + k + latentOffset[j];
      }
    }
    float[] likelihood =
        Chunked.map(
            model.getNDManager(), grid, latent, latent, v -> network.likelihood(store, v, false));
    return RowBuffers.unflatten(likelihood, latent);
  }

  /** Releases the native memory; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private NDArray offset(NDManager manager) {
    return manager.create(latentOffset);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(
          "this TrainedRdModel is closed; its native model was released");
    }
  }

  @Override
  public String toString() {
    return "TrainedRdModel[" + config.architecture() + ", L=" + config.latentSize() + "]";
  }
}
