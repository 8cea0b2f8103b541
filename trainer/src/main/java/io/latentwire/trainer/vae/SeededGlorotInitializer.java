package io.latentwire.trainer.vae;

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
 */
final class SeededGlorotInitializer implements Initializer {
  private final long seed;

  SeededGlorotInitializer(long seed) {
    this.seed = seed;
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (dataType != DataType.FLOAT32 || shape.dimension() != 2) {
      throw new IllegalStateException(
          "expected a float32 [outputs, inputs] weight, got " + dataType + " " + shape);
    }
    int outputs = Math.toIntExact(shape.get(0));
    int inputs = Math.toIntExact(shape.get(1));
    double limit = Math.sqrt(6.0 / (inputs + outputs));
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[Math.multiplyExact(outputs, inputs)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-limit, limit);
    }
    return manager.create(values, shape);
  }
}
