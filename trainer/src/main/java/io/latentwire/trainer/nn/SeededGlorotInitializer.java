package io.latentwire.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Glorot-uniform initial weights drawn in Java from a fixed seed.
 *
 * <p>Why not DJL's own initialisers: they draw from the engine's global generator, so the values
 * depend on whatever else used that generator before (another training in the same JVM, another
 * thread). Drawing here, one seed per layer, makes the initial weights a function of the
 * configuration seed alone.
 *
 * <p>Accepts dense weights {@code [outputs, inputs]} and convolution kernels {@code [a, b, k1, …]}:
 * as in PyTorch, the fans are {@code a · receptive field} and {@code b · receptive field}, where
 * the receptive field is the product of the kernel dimensions (1 for a dense layer). Glorot's limit
 * {@code sqrt(6 / (fanIn + fanOut))} is symmetric in the two fans, so it does not matter whether a
 * kernel stores outputs first (convolution) or inputs first (transposed convolution).
 *
 * <p>Shared by the trainer module's training packages; stateless apart from its seed.
 */
public final class SeededGlorotInitializer implements Initializer {
  private final long seed;

  /**
   * Creates an initialiser whose draws depend on {@code seed} alone.
   *
   * @param seed any value; give each layer its own
   */
  public SeededGlorotInitializer(long seed) {
    this.seed = seed;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (dataType != DataType.FLOAT32 || shape.dimension() < 2) {
      throw new IllegalStateException(
          "expected a float32 weight of at least 2 dimensions, got " + dataType + " " + shape);
    }
    long receptiveField = 1;
    for (int d = 2; d < shape.dimension(); d++) {
      receptiveField *= shape.get(d);
    }
    double fanA = (double) shape.get(0) * receptiveField;
    double fanB = (double) shape.get(1) * receptiveField;
    double limit = Math.sqrt(6.0 / (fanA + fanB));
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-limit, limit);
    }
    return manager.create(values, shape);
  }
}
