package io.latentwire.trainer.rd;

import io.latentwire.trainer.nn.DenseLayer;
import io.latentwire.trainer.nn.OutputActivation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The deployment path of a trained rate–distortion model as plain arrays: what the ONNX exporter
 * writes, no engine needed. Training-only parts (the noise, the learned prior) are not here.
 *
 * <p>Both architectures share the conventions: ReLU between layers, nothing after the encoder's
 * last layer, {@link #outputActivation()} after the decoder's last. The encoder's output is the
 * network's latent minus {@link #latentOffset()}, and the decoder adds the offset back before its
 * first layer; the offset is the per-dimension median of the training latents, so a dimension the
 * model does not use is exactly 0 and quantises to symbol 0 at every step (see {@link
 * TrainedRdModel}).
 */
public sealed interface RdWeights {

  /**
   * Returns the number of values per record.
   *
   * @return D, at least 1
   */
  int inputSize();

  /**
   * Returns the code length.
   *
   * @return L, at least 1
   */
  int latentSize();

  /**
   * Returns the function after the decoder's last layer.
   *
   * @return not null
   */
  OutputActivation outputActivation();

  /**
   * Returns a copy of the per-dimension offset subtracted from the encoder's output and added back
   * at the decoder's input.
   *
   * @return a new array of {@link #latentSize()} values
   */
  float[] latentOffset();

  /**
   * Fully connected encoder {@code D → … → L} and decoder {@code L → … → D}.
   *
   * @param inputSize D, at least 1
   * @param encoder layers chaining D to L, not empty
   * @param decoder layers chaining L to D, not empty
   * @param outputActivation not null
   * @param latentOffset L finite values, copied
   */
  record Mlp(
      int inputSize,
      List<DenseLayer> encoder,
      List<DenseLayer> decoder,
      OutputActivation outputActivation,
      float[] latentOffset)
      implements RdWeights {

    /** Checks that the layers chain D → … → L → … → D and copies the lists and the offset. */
    public Mlp {
      encoder = List.copyOf(Objects.requireNonNull(encoder, "encoder must not be null"));
      decoder = List.copyOf(Objects.requireNonNull(decoder, "decoder must not be null"));
      Objects.requireNonNull(outputActivation, "outputActivation must not be null");
      if (encoder.isEmpty() || decoder.isEmpty()) {
        throw new IllegalArgumentException("encoder and decoder need at least one layer each");
      }
      int width = inputSize;
      for (int i = 0; i < encoder.size(); i++) {
        width = chain("encoder[" + i + "]", encoder.get(i).inputs(), width, encoder.get(i));
      }
      int latent = width;
      for (int i = 0; i < decoder.size(); i++) {
        width = chain("decoder[" + i + "]", decoder.get(i).inputs(), width, decoder.get(i));
      }
      if (width != inputSize) {
        throw new IllegalArgumentException(
            "the last decoder layer has " + width + " outputs, expected inputSize = " + inputSize);
      }
      latentOffset = checkedOffset(latentOffset, latent);
    }

    private static int chain(String name, int inputs, int expected, DenseLayer layer) {
      if (inputs != expected) {
        throw new IllegalArgumentException(
            name + " has " + inputs + " inputs, expected " + expected);
      }
      return layer.outputs();
    }

    @Override
    public int latentSize() {
      return encoder.get(encoder.size() - 1).outputs();
    }

    @Override
    public float[] latentOffset() {
      return latentOffset.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Mlp that
          && inputSize == that.inputSize
          && encoder.equals(that.encoder)
          && decoder.equals(that.decoder)
          && outputActivation == that.outputActivation
          && Arrays.equals(latentOffset, that.latentOffset);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          inputSize, encoder, decoder, outputActivation, Arrays.hashCode(latentOffset));
    }

    @Override
    public String toString() {
      return "RdWeights.Mlp[" + inputSize + " -> " + latentSize() + "]";
    }
  }

  /**
   * Convolutional encoder and decoder of images.
   *
   * <p>Encoder: reshape the flat channel-last record to {@code [C, H, W]} (see {@link ImageShape}),
   * apply the {@link #encoder()} convolutions (stride 2 each), and flatten the latent grid {@code
   * [latentChannels, latentHeight, latentWidth]} channel-major.
   *
   * <p>Decoder: unflatten the grid, then per {@link #decoder()} layer {@code i}, mirroring encoder
   * layer {@code n − 1 − i}: a size-preserving convolution (stride 1) to {@value #UPSCALE}² times
   * the channels that encoder layer received, a pixel shuffle that moves each group of {@value
   * #UPSCALE}² channels into a {@value #UPSCALE} × {@value #UPSCALE} block (PyTorch's {@code
   * pixel_shuffle}, ONNX {@code DepthToSpace} in CRD mode: output {@code (c, UPSCALE·h + a,
   * UPSCALE·w + b)} is input channel {@code c·UPSCALE² + a·UPSCALE + b} at {@code (h, w)}), and a
   * crop to the first rows and columns of the size that encoder layer received (28 → 14 → 7 → 4
   * comes back as 4 → 8 → 7 → 14 → 28). Why not transposed convolutions: DJL's PyTorch engine does
   * not implement them; a sub-pixel convolution of kernel {@code k} covers what a stride-2
   * transposed convolution of kernel {@code 2k} does.
   *
   * @param image shape of a record, not null
   * @param latentChannels channels of the latent grid, at least 1
   * @param latentHeight rows of the latent grid, at least 1
   * @param latentWidth columns of the latent grid, at least 1
   * @param encoder convolutions taking {@code [C, H, W]} to the latent grid, not empty
   * @param decoder size-preserving convolutions, as many as encoder layers, as described above
   * @param outputActivation not null
   * @param latentOffset {@code latentChannels · latentHeight · latentWidth} finite values, copied
   */
  record Conv2d(
      ImageShape image,
      int latentChannels,
      int latentHeight,
      int latentWidth,
      List<ConvLayer> encoder,
      List<ConvLayer> decoder,
      OutputActivation outputActivation,
      float[] latentOffset)
      implements RdWeights {

    /** Upscaling factor of each decoder layer's pixel shuffle. */
    public static final int UPSCALE = 2;

    /** Checks channels and spatial sizes chain through both networks; copies lists and offset. */
    public Conv2d {
      Objects.requireNonNull(image, "image must not be null");
      encoder = List.copyOf(Objects.requireNonNull(encoder, "encoder must not be null"));
      decoder = List.copyOf(Objects.requireNonNull(decoder, "decoder must not be null"));
      Objects.requireNonNull(outputActivation, "outputActivation must not be null");
      requireMirrored(encoder, decoder);
      int[][] grids = encoderGrids(image, encoder);
      int[] latent = grids[encoder.size()];
      if (latent[0] != latentChannels || latent[1] != latentHeight || latent[2] != latentWidth) {
        throw new IllegalArgumentException(
            "the encoder's output is "
                + latent[0]
                + " x "
                + latent[1]
                + " x "
                + latent[2]
                + ", expected "
                + latentChannels
                + " x "
                + latentHeight
                + " x "
                + latentWidth);
      }
      int[] grid = latent;
      for (int i = 0; i < decoder.size(); i++) {
        ConvLayer layer = decoder.get(i);
        int[] target = grids[encoder.size() - 1 - i];
        String name = "decoder[" + i + "]";
        if (layer.inChannels() != grid[0]) {
          throw new IllegalArgumentException(
              name + " takes " + layer.inChannels() + " channels, gets " + grid[0]);
        }
        if (layer.outChannels() != target[0] * UPSCALE * UPSCALE) {
          throw new IllegalArgumentException(
              name
                  + " has "
                  + layer.outChannels()
                  + " output channels, expected "
                  + UPSCALE * UPSCALE
                  + " x "
                  + target[0]
                  + " for the pixel shuffle");
        }
        if (layer.outputSize(grid[1]) != grid[1] || layer.outputSize(grid[2]) != grid[2]) {
          throw new IllegalArgumentException(
              name + " " + layer + " does not preserve the " + grid[1] + " x " + grid[2] + " grid");
        }
        if (grid[1] * UPSCALE < target[1] || grid[2] * UPSCALE < target[2]) {
          throw new IllegalArgumentException(
              name
                  + " cannot grow "
                  + grid[1]
                  + " x "
                  + grid[2]
                  + " to "
                  + target[1]
                  + " x "
                  + target[2]);
        }
        grid = target;
      }
      latentOffset =
          checkedOffset(
              latentOffset,
              Math.multiplyExact(latentChannels, Math.multiplyExact(latentHeight, latentWidth)));
    }

    /**
     * Returns the grid {@code {channels, height, width}} that encoder layer {@code i} receives, for
     * {@code i} from 0 (the image) to {@code encoder().size()} (the latent grid). Decoder layer
     * {@code i} restores grid {@code encoder().size() − 1 − i}.
     *
     * @param level 0 to {@code encoder().size()}
     * @return a new array {@code {channels, height, width}}
     */
    public int[] grid(int level) {
      return encoderGrids(image, encoder)[level].clone();
    }

    private static int[][] encoderGrids(ImageShape image, List<ConvLayer> encoder) {
      int[][] grids = new int[encoder.size() + 1][];
      grids[0] = new int[] {image.channels(), image.height(), image.width()};
      for (int i = 0; i < encoder.size(); i++) {
        ConvLayer layer = encoder.get(i);
        int[] in = grids[i];
        if (layer.inChannels() != in[0]) {
          throw new IllegalArgumentException(
              "encoder[" + i + "] takes " + layer.inChannels() + " channels, gets " + in[0]);
        }
        int h = layer.outputSize(in[1]);
        int w = layer.outputSize(in[2]);
        if (h < 1 || w < 1) {
          throw new IllegalArgumentException(
              "encoder["
                  + i
                  + "] "
                  + layer
                  + " does not fit the "
                  + in[1]
                  + " x "
                  + in[2]
                  + " grid");
        }
        grids[i + 1] = new int[] {layer.outChannels(), h, w};
      }
      return grids;
    }

    @Override
    public int inputSize() {
      return image.values();
    }

    @Override
    public int latentSize() {
      return latentChannels * latentHeight * latentWidth;
    }

    @Override
    public float[] latentOffset() {
      return latentOffset.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Conv2d that
          && image.equals(that.image)
          && latentChannels == that.latentChannels
          && latentHeight == that.latentHeight
          && latentWidth == that.latentWidth
          && encoder.equals(that.encoder)
          && decoder.equals(that.decoder)
          && outputActivation == that.outputActivation
          && Arrays.equals(latentOffset, that.latentOffset);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          image,
          latentChannels,
          latentHeight,
          latentWidth,
          encoder,
          decoder,
          outputActivation,
          Arrays.hashCode(latentOffset));
    }

    @Override
    public String toString() {
      return "RdWeights.Conv2d["
          + image
          + " -> "
          + latentChannels
          + " x "
          + latentHeight
          + " x "
          + latentWidth
          + "]";
    }
  }

  /**
   * 1-D convolutional encoder and decoder of windows of a series: the 1-D counterpart of {@link
   * Conv2d}. A record is {@code length} samples of {@code channels} values, channel-last (for one
   * channel, the plain window).
   *
   * <p>Encoder: reshape to {@code [channels, length]}, apply the {@link #encoder()} convolutions
   * (stride 2 each, ReLU between) and flatten the latent {@code [latentChannels, latentLength]}
   * channel-major. Decoder: per layer, a length-preserving convolution to {@value #UPSCALE} times
   * the channels the mirrored encoder layer received, a 1-D pixel shuffle (output {@code (c,
   * UPSCALE·t + a)} is input channel {@code c·UPSCALE + a} at {@code t}) and a crop to the length
   * that encoder layer received.
   *
   * @param length samples per window, at least 1
   * @param channels values per sample, at least 1
   * @param latentChannels channels of the latent, at least 1
   * @param latentLength length of the latent, at least 1
   * @param encoder convolutions from the window to the latent, not empty
   * @param decoder as many length-preserving convolutions, as described above
   * @param outputActivation not null
   * @param latentOffset {@code latentChannels · latentLength} finite values, copied
   */
  record Conv1d(
      int length,
      int channels,
      int latentChannels,
      int latentLength,
      List<Conv1dLayer> encoder,
      List<Conv1dLayer> decoder,
      OutputActivation outputActivation,
      float[] latentOffset)
      implements RdWeights {

    /** Upscaling factor of each decoder layer's shuffle. */
    public static final int UPSCALE = 2;

    /** Checks channels and lengths chain through both networks; copies lists and offset. */
    public Conv1d {
      encoder = List.copyOf(Objects.requireNonNull(encoder, "encoder must not be null"));
      decoder = List.copyOf(Objects.requireNonNull(decoder, "decoder must not be null"));
      Objects.requireNonNull(outputActivation, "outputActivation must not be null");
      requireMirrored(encoder, decoder);
      int[][] levels = levels(length, channels, encoder);
      int[] latent = levels[encoder.size()];
      if (latent[0] != latentChannels || latent[1] != latentLength) {
        throw new IllegalArgumentException(
            "the encoder's output is "
                + latent[0]
                + " x "
                + latent[1]
                + ", expected "
                + latentChannels
                + " x "
                + latentLength);
      }
      int[] level = latent;
      for (int i = 0; i < decoder.size(); i++) {
        Conv1dLayer layer = decoder.get(i);
        int[] target = levels[encoder.size() - 1 - i];
        if (layer.inChannels() != level[0]
            || layer.outChannels() != target[0] * UPSCALE
            || layer.outputSize(level[1]) != level[1]
            || level[1] * UPSCALE < target[1]) {
          throw new IllegalArgumentException(
              "decoder["
                  + i
                  + "] "
                  + layer
                  + " does not map "
                  + Arrays.toString(level)
                  + " to "
                  + Arrays.toString(target)
                  + " through a x"
                  + UPSCALE
                  + " shuffle");
        }
        level = target;
      }
      latentOffset = checkedOffset(latentOffset, Math.multiplyExact(latentChannels, latentLength));
    }

    /**
     * Returns {@code {channels, length}} that encoder layer {@code level} receives (0 = the window,
     * {@code encoder().size()} = the latent).
     *
     * @param level 0 to {@code encoder().size()}
     * @return a new array
     */
    public int[] level(int level) {
      return levels(length, channels, encoder)[level].clone();
    }

    private static int[][] levels(int length, int channels, List<Conv1dLayer> encoder) {
      int[][] levels = new int[encoder.size() + 1][];
      levels[0] = new int[] {channels, length};
      for (int i = 0; i < encoder.size(); i++) {
        Conv1dLayer layer = encoder.get(i);
        int out = layer.outputSize(levels[i][1]);
        if (layer.inChannels() != levels[i][0] || out < 1) {
          throw new IllegalArgumentException(
              "encoder[" + i + "] " + layer + " does not fit " + Arrays.toString(levels[i]));
        }
        levels[i + 1] = new int[] {layer.outChannels(), out};
      }
      return levels;
    }

    @Override
    public int inputSize() {
      return length * channels;
    }

    @Override
    public int latentSize() {
      return latentChannels * latentLength;
    }

    @Override
    public float[] latentOffset() {
      return latentOffset.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Conv1d that
          && length == that.length
          && channels == that.channels
          && latentChannels == that.latentChannels
          && latentLength == that.latentLength
          && encoder.equals(that.encoder)
          && decoder.equals(that.decoder)
          && outputActivation == that.outputActivation
          && Arrays.equals(latentOffset, that.latentOffset);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          length,
          channels,
          latentChannels,
          latentLength,
          encoder,
          decoder,
          outputActivation,
          Arrays.hashCode(latentOffset));
    }

    @Override
    public String toString() {
      return "RdWeights.Conv1d["
          + length
          + " x "
          + channels
          + " -> "
          + latentChannels
          + " x "
          + latentLength
          + "]";
    }
  }

  /** Throws unless there is at least one encoder layer and a decoder layer for each. */
  private static void requireMirrored(List<?> encoder, List<?> decoder) {
    if (encoder.isEmpty() || decoder.size() != encoder.size()) {
      throw new IllegalArgumentException(
          "need at least one encoder layer and as many decoder layers, got "
              + encoder.size()
              + " and "
              + decoder.size());
    }
  }

  private static float[] checkedOffset(float[] offset, int latentSize) {
    Objects.requireNonNull(offset, "latentOffset must not be null");
    if (offset.length != latentSize) {
      throw new IllegalArgumentException(
          "latentOffset has " + offset.length + " values, expected latentSize = " + latentSize);
    }
    for (int i = 0; i < offset.length; i++) {
      if (!Float.isFinite(offset[i])) {
        throw new IllegalArgumentException(
            "latentOffset[" + i + "] = " + offset[i] + ": must be finite");
      }
    }
    return offset.clone();
  }
}
