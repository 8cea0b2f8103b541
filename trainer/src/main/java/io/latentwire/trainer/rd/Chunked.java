package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.function.Function;

/** Runs a network path over row-major buffers in chunks, so native memory stays bounded. */
final class Chunked {
  /** Rows per native call. */
  static final int ROWS = 2048;

  private Chunked() {}

  /**
   * Applies {@code path} to every row: {@code [n, inWidth] → [n, outWidth]}.
   *
   * @param input {@code count · inWidth} values, row-major
   * @return {@code count · outWidth} values, row-major, newly allocated
   */
  static float[] map(
      NDManager manager,
      float[] input,
      int inWidth,
      int outWidth,
      Function<NDArray, NDArray> path) {
    int count = input.length / inWidth;
    float[] output = new float[Math.multiplyExact(count, outWidth)];
    for (int start = 0; start < count; start += ROWS) {
      int chunk = Math.min(ROWS, count - start);
      try (NDManager scope = manager.newSubManager()) {
        float[] result = path.apply(slice(scope, input, start, chunk, inWidth)).toFloatArray();
        System.arraycopy(result, 0, output, start * outWidth, result.length);
      }
    }
    return output;
  }

  /** Wraps rows {@code [start, start + chunk)} of a row-major buffer as a native array. */
  static NDArray slice(NDManager scope, float[] rows, int start, int chunk, int width) {
    return scope.create(
        FloatBuffer.wrap(rows, start * width, chunk * width).slice(), new Shape(chunk, width));
  }
}
