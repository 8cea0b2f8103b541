package io.latentwire.trainer.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * The weights of one fully connected layer, {@code y = x · Wᵀ + b}, as plain Java arrays.
 *
 * <p>The weight matrix is stored row-major with shape {@code [outputs, inputs]} (the PyTorch/DJL
 * layout, and ONNX {@code Gemm} with {@code transB = 1}): the weight from input {@code i} to output
 * {@code o} is {@code weights[o * inputs + i]}. Arrays are copied in and out, so an instance is
 * immutable.
 *
 * @param inputs number of inputs, at least 1
 * @param outputs number of outputs, at least 1
 * @param weights {@code outputs * inputs} finite values, not null
 * @param bias {@code outputs} finite values, not null
 */
public record DenseLayer(int inputs, int outputs, float[] weights, float[] bias) {

  /** Validates shapes and values and takes private copies of the arrays. */
  public DenseLayer {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException(
          "layer shape [outputs=" + outputs + ", inputs=" + inputs + "]: both must be at least 1");
    }
    weights =
        LayerArrays.checkedCopy(
            "weights",
            weights,
            (long) inputs * outputs,
            "outputs * inputs = " + outputs + " * " + inputs);
    bias = LayerArrays.checkedCopy("bias", bias, outputs, "outputs = " + outputs);
  }

  /**
   * Returns a copy of the weight matrix, row-major {@code [outputs, inputs]}.
   *
   * @return a new array
   */
  @Override
  public float[] weights() {
    return weights.clone();
  }

  /**
   * Returns a copy of the bias vector.
   *
   * @return a new array of {@code outputs} values
   */
  @Override
  public float[] bias() {
    return bias.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DenseLayer that
        && inputs == that.inputs
        && outputs == that.outputs
        && Arrays.equals(weights, that.weights)
        && Arrays.equals(bias, that.bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, outputs, Arrays.hashCode(weights), Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "DenseLayer[" + inputs + " -> " + outputs + "]";
  }
}
