package io.latentwire.trainer.rd;

import io.latentwire.trainer.nn.LayerArrays;
import java.util.Arrays;
import java.util.Objects;

/**
 * The weights of one 1-D convolution, as plain Java arrays, in the layout PyTorch and ONNX share:
 * weights {@code [outChannels, inChannels, kernel]}. The output length is {@code (in + 2 · padding
 * − kernel) / stride + 1} (integer division). Arrays are copied in and out: immutable.
 *
 * @param inChannels input channels, at least 1
 * @param outChannels output channels, at least 1
 * @param kernel kernel length, at least 1
 * @param stride step, at least 1
 * @param padding zero padding on each side, at least 0
 * @param weights {@code outChannels · inChannels · kernel} finite values, not null
 * @param bias {@code outChannels} finite values, not null
 */
public record Conv1dLayer(
    int inChannels,
    int outChannels,
    int kernel,
    int stride,
    int padding,
    float[] weights,
    float[] bias) {

  /** Validates shapes and values and takes private copies of the arrays. */
  public Conv1dLayer {
    ConvLayerShape.check(inChannels, outChannels, kernel, stride, padding);
    long expected = (long) inChannels * outChannels * kernel;
    weights = LayerArrays.checkedCopy("weights", weights, expected, String.valueOf(expected));
    bias = LayerArrays.checkedCopy("bias", bias, outChannels, "outChannels = " + outChannels);
  }

  /**
   * Returns the output length for an input length.
   *
   * @param in input length, at least 1
   * @return the output length, below 1 if the kernel does not fit
   */
  public int outputSize(int in) {
    return (in + 2 * padding - kernel) / stride + 1;
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  @Override
  public float[] bias() {
    return bias.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Conv1dLayer that
        && inChannels == that.inChannels
        && outChannels == that.outChannels
        && kernel == that.kernel
        && stride == that.stride
        && padding == that.padding
        && Arrays.equals(weights, that.weights)
        && Arrays.equals(bias, that.bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        inChannels,
        outChannels,
        kernel,
        stride,
        padding,
        Arrays.hashCode(weights),
        Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "Conv1d[" + inChannels + " -> " + outChannels + ", " + kernel + " / " + stride + "]";
  }
}
