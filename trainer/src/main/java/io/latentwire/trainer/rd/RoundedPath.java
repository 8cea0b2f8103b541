package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** Evaluates the deployment path {@code decoder(round(y(x)))} of a network on validation rows. */
final class RoundedPath {
  private RoundedPath() {}

  /**
   * Returns {@code {mse, bits}}: the mean squared error per value of {@code decoder(round(y))}, and
   * the mean bits per record of {@code round(y)} under the learned prior.
   *
   * @param rows at least one row of {@code width} values, row-major
   */
  static double[] evaluate(
      RdNetwork network, NDManager manager, ParameterStore store, float[] rows, int width) {
    int count = rows.length / width;
    double squaredError = 0;
    double bits = 0;
    for (int start = 0; start < count; start += Chunked.ROWS) {
      int chunk = Math.min(Chunked.ROWS, count - start);
      try (NDManager scope = manager.newSubManager()) {
        NDArray x = Chunked.slice(scope, rows, start, chunk, width);
        NDArray symbols = network.encode(store, x, false).round();
        NDArray reconstruction = network.decode(store, symbols, false);
        squaredError += reconstruction.sub(x).square().sum().getFloat();
        bits += RdLoss.bits(network.likelihood(store, symbols, false)).sum().getFloat();
      }
    }
    return new double[] {squaredError / ((double) count * width), bits / count};
  }
}
