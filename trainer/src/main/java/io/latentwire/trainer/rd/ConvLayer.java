package io.latentwire.trainer.rd;

import io.latentwire.trainer.nn.LayerArrays;
import java.util.Arrays;
import java.util.Objects;

/**
 * The weights of one 2-D convolution with a square kernel, as plain Java arrays, in the layout
 * PyTorch and ONNX share: weights {@code [outChannels, inChannels, kernel, kernel]}. The output
 * size per axis is {@code (in + 2 · padding − kernel) / stride + 1} (integer division). Arrays are
 * copied in and out, so an instance is immutable.
 *
 * @param inChannels input channels, at least 1
 * @param outChannels output channels, at least 1
 * @param kernel kernel height and width, at least 1
 * @param stride step in both axes, at least 1
 * @param padding zero padding on each side of both axes, at least 0
 * @param weights {@code outChannels · inChannels · kernel²} finite values, not null
 * @param bias {@code outChannels} finite values, not null
 */
public record ConvLayer(
    int inChannels,
    int outChannels,
    int kernel,
    int stride,
    int padding,
    float[] weights,
    float[] bias) {

  /** Validates shapes and values and takes private copies of the arrays. */
  public ConvLayer {
    ConvLayerShape.check(inChannels, outChannels, kernel, stride, padding);
    long expected = (long) inChannels * outChannels * kernel * kernel;
    weights = LayerArrays.checkedCopy("weights", weights, expected, String.valueOf(expected));
    bias = LayerArrays.checkedCopy("bias", bias, outChannels, "outChannels = " + outChannels);
  }

  /**
   * Returns the output size along an axis for an input size.
   *
   * @param in input height or width, at least 1
   * @return the output size, below 1 if the kernel does not fit
   */
  public int outputSize(int in) {
    return (in + 2 * padding - kernel) / stride + 1;
  }

  /**
   * Returns a copy of the weights, {@code [outChannels, inChannels, kernel, kernel]}.
   *
   * @return a new array
   */
  @Override
  public float[] weights() {
    return weights.clone();
  }

  /**
   * Returns a copy of the bias.
   *
   * @return a new array of {@code outChannels} values
   */
  @Override
  public float[] bias() {
    return bias.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConvLayer that
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
    return "Conv["
        + inChannels
        + " -> "
        + outChannels
        + ", "
        + kernel
        + "x"
        + kernel
        + " / "
        + stride
        + "]";
  }
}
