package io.latentwire.trainer.rd;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A learned density per latent dimension, used to measure the rate of the quantised code during
 * training: the non-parametric "factorized prior" of Ballé et al. (ICLR 2018, appendix 6.1), as in
 * CompressAI's {@code EntropyBottleneck}.
 *
 * <p>For each dimension {@code j} the cumulative distribution is {@code F_j(v) = sigmoid(f_j(v))},
 * where {@code f_j} is a small monotone network {@code 1 → 3 → 3 → 3 → 1}: each layer multiplies by
 * a matrix kept positive through softplus, adds a bias and, except the last, adds {@code tanh(a) ·
 * tanh(·)} with {@code tanh(a) > −1}, so every layer is increasing. The probability of the unit bin
 * around {@code v} is {@code P_j(v) = F_j(v + ½) − F_j(v − ½)}, which for {@code v = y + U(−½, ½)}
 * is the likelihood of the noisy latent and for an integer {@code v} is the probability of that
 * symbol.
 *
 * <p>Dimensions are independent: one density per latent value, so a CONV2D model learns a separate
 * density for each position of each channel, the same granularity as the frequency tables the
 * bundle ships. Training-only: nothing of it is exported; the bundle's tables are counted from the
 * codes (see {@link EntropyTables}).
 */
final class FactorizedPrior extends AbstractBlock {
  private static final byte VERSION = 1;
  private static final int[] FILTERS = {1, 3, 3, 3, 1};

  /** Initial scale of the density, as in CompressAI: wide enough for any initial latent. */
  private static final double INIT_SCALE = 10;

  /** Floor of a likelihood, so a symbol the density misses costs about 30 bits, not infinity. */
  private static final float LIKELIHOOD_FLOOR = 1e-9f;

  private final int dimensions;
  private final List<Parameter> matrices = new ArrayList<>();
  private final List<Parameter> biases = new ArrayList<>();
  private final List<Parameter> factors = new ArrayList<>();

  FactorizedPrior(int dimensions, long seed) {
    super(VERSION);
    this.dimensions = dimensions;
    SplittableRandom biasSeeds = new SplittableRandom(seed);
    double scale = Math.pow(INIT_SCALE, 1.0 / (FILTERS.length - 1));
    for (int i = 0; i < FILTERS.length - 1; i++) {
      int in = FILTERS[i];
      int out = FILTERS[i + 1];
      // softplus(init) = 1 / (scale · out): the composed layers start as a linear ramp of slope
      // 1 / INIT_SCALE, i.e. a logistic density of scale INIT_SCALE.
      float matrixInit = (float) Math.log(Math.expm1(1 / scale / out));
      matrices.add(
          addParameter(
              Parameter.builder()
                  .setName("matrix" + i)
                  .setType(Parameter.Type.WEIGHT)
                  .optShape(new Shape(dimensions, out, in))
                  .optInitializer(new ConstantInitializer(matrixInit))
                  .build()));
      biases.add(
          addParameter(
              Parameter.builder()
                  .setName("bias" + i)
                  .setType(Parameter.Type.BIAS)
                  .optShape(new Shape(dimensions, out, 1))
                  .optInitializer(new SeededUniform(biasSeeds.nextLong()))
                  .build()));
      if (i < FILTERS.length - 2) {
        factors.add(
            addParameter(
                Parameter.builder()
                    .setName("factor" + i)
                    .setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(dimensions, out, 1))
                    .optInitializer(Initializer.ZEROS)
                    .build()));
      }
    }
  }

  /**
   * Returns the likelihood of each value's unit bin, {@code P_j(v) = F_j(v + ½) − F_j(v − ½)},
   * floored at {@value #LIKELIHOOD_FLOOR}.
   *
   * @param v {@code [N, dimensions]}
   * @return {@code [N, dimensions]}, in (0, 1]
   */
  NDArray likelihood(ParameterStore store, NDArray v, boolean training) {
    NDArray lower = cumulativeLogits(store, v.sub(0.5f), training);
    NDArray upper = cumulativeLogits(store, v.add(0.5f), training);
    // Evaluate the difference on the side of the median where both sigmoids are small, so it does
    // not cancel to zero in float32 far out in the upper tail (CompressAI's trick).
    NDArray sign = lower.add(upper).sign().neg().stopGradient();
    NDArray likelihood =
        Activation.sigmoid(upper.mul(sign)).sub(Activation.sigmoid(lower.mul(sign))).abs();
    return likelihood.maximum(LIKELIHOOD_FLOOR);
  }

  /** {@code f_j(v)} for every dimension at once: batched 3×3 matrix products over dimensions. */
  private NDArray cumulativeLogits(ParameterStore store, NDArray v, boolean training) {
    Device device = v.getDevice();
    NDManager scope = v.getManager();
    long rows = v.getShape().get(0);
    NDArray logits = v.transpose().reshape(dimensions, 1, rows);
    for (int i = 0; i < matrices.size(); i++) {
      NDArray matrix =
          ownedBy(scope, Activation.softPlus(store.getValue(matrices.get(i), device, training)));
      logits = matrix.matMul(logits).add(store.getValue(biases.get(i), device, training));
      if (i < factors.size()) {
        NDArray factor = ownedBy(scope, store.getValue(factors.get(i), device, training).tanh());
        logits = logits.add(factor.mul(logits.tanh()));
      }
    }
    return logits.reshape(dimensions, rows).transpose();
  }

  /**
   * Hands an array computed from a parameter to the caller's manager. DJL attaches the result of an
   * operation to its first operand's manager, which for a parameter is the model's, alive as long
   * as the model: without this, every batch would leave its arrays there (gigabytes per epoch).
   * Closing them with the batch does not hurt the backward pass, which holds its own references.
   */
  private static NDArray ownedBy(NDManager scope, NDArray derived) {
    derived.attach(scope);
    return derived;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(likelihood(store, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(
      NDManager manager, DataType dataType, Shape... inputShapes) {}

  /** Uniform {@code U(−½, ½)} biases drawn in Java from a fixed seed. */
  private static final class SeededUniform implements Initializer {
    private final long seed;

    SeededUniform(long seed) {
      this.seed = seed;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] values = new float[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextDouble(-0.5, 0.5);
      }
      return manager.create(values, shape);
    }
  }
}
