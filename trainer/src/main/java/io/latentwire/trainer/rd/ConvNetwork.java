package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import io.latentwire.trainer.nn.SeededGlorotInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link Architecture#CONV2D}: {@code downsamplings} stride-2 convolutions with ReLU between, from
 * the image to the latent grid, and as many sub-pixel upsampling layers back (layout and reasons in
 * {@link RdWeights.Conv2d}).
 *
 * <p>Every encoder convolution pads by {@code kernel / 2}, so it maps a size {@code s} to {@code
 * ceil(s / 2)} (28 → 14 → 7 → 4). Each decoder layer doubles the size and crops to the size its
 * encoder counterpart received, so odd sizes survive the round trip.
 */
final class ConvNetwork extends RdNetwork {
  private static final int STRIDE = 2;
  private static final int UPSCALE = RdWeights.Conv2d.UPSCALE;

  private final ImageShape image;
  private final int latentChannels;
  private final int latentHeight;
  private final int latentWidth;
  private final int kernel;
  private final int decoderKernel;
  private final List<Conv2d> encoder = new ArrayList<>();
  private final List<Conv2d> decoder = new ArrayList<>();

  /** {channels, height, width} each decoder layer must produce, in decoder order. */
  private final List<int[]> decoderTargets = new ArrayList<>();

  /** Draws the prior's seed, then one seed per layer, encoder first, from {@code layerSeeds}. */
  ConvNetwork(RdConfig config, SplittableRandom layerSeeds) {
    super(config.latentSize(), config.outputActivation(), layerSeeds.nextLong());
    this.image = config.imageShape();
    this.latentChannels = config.latentChannels();
    this.latentHeight = config.latentHeight();
    this.latentWidth = config.latentWidth();
    this.kernel = config.kernelSize();
    this.decoderKernel = config.decoderKernelSize();
    int layers = config.downsamplings();

    // The grid each encoder layer receives; decoder layers give them back in reverse order.
    List<int[]> grids = new ArrayList<>();
    int[] grid = {image.channels(), image.height(), image.width()};
    for (int i = 0; i < layers; i++) {
      grids.add(grid);
      int filters = i == layers - 1 ? latentChannels : config.convChannels();
      encoder.add(seeded(addChildBlock("encoder" + i, conv(kernel, STRIDE, filters)), layerSeeds));
      grid = new int[] {filters, (grid[1] + 1) / 2, (grid[2] + 1) / 2};
    }
    for (int i = layers - 1; i >= 0; i--) {
      int[] target = grids.get(i);
      Conv2d layer = conv(decoderKernel, 1, target[0] * UPSCALE * UPSCALE);
      decoder.add(seeded(addChildBlock("decoder" + decoder.size(), layer), layerSeeds));
      decoderTargets.add(target);
    }
  }

  private static Conv2d conv(int kernel, int stride, int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .setFilters(filters)
        .build();
  }

  private static Conv2d seeded(Conv2d block, SplittableRandom seeds) {
    block.setInitializer(new SeededGlorotInitializer(seeds.nextLong()), Parameter.Type.WEIGHT);
    return block; // biases keep DJL's zero initialiser: deterministic already
  }

  @Override
  NDArray encode(ParameterStore store, NDArray x, boolean training) {
    // Records are channel-last rows; the convolutions want [N, C, H, W].
    NDArray current =
        x.reshape(-1, image.height(), image.width(), image.channels()).transpose(0, 3, 1, 2);
    for (int i = 0; i < encoder.size(); i++) {
      current = encoder.get(i).forward(store, new NDList(current), training).singletonOrThrow();
      if (i < encoder.size() - 1) {
        current = Activation.relu(current);
      }
    }
    return current.reshape(-1, latentSize());
  }

  @Override
  NDArray decode(ParameterStore store, NDArray z, boolean training) {
    NDArray current = z.reshape(-1, latentChannels, latentHeight, latentWidth);
    for (int i = 0; i < decoder.size(); i++) {
      current = decoder.get(i).forward(store, new NDList(current), training).singletonOrThrow();
      current = upscale(current, decoderTargets.get(i));
      if (i < decoder.size() - 1) {
        current = Activation.relu(current);
      }
    }
    current = activateOutput(current);
    return current.transpose(0, 2, 3, 1).reshape(-1, image.values());
  }

  /** Pixel shuffle ({@code [N, c·4, h, w] → [N, c, 2h, 2w]}), then crop to the target size. */
  private static NDArray upscale(NDArray x, int[] target) {
    Shape shape = x.getShape();
    long h = shape.get(2);
    long w = shape.get(3);
    NDArray shuffled =
        x.reshape(-1, target[0], UPSCALE, UPSCALE, h, w)
            .transpose(0, 1, 4, 2, 5, 3)
            .reshape(-1, target[0], h * UPSCALE, w * UPSCALE);
    if (h * UPSCALE == target[1] && w * UPSCALE == target[2]) {
      return shuffled;
    }
    return shuffled.get(new NDIndex(":, :, :{}, :{}", target[1], target[2]));
  }

  @Override
  void initializeNetworks(NDManager manager, DataType dataType, Shape x) {
    Shape shape = new Shape(x.get(0), image.channels(), image.height(), image.width());
    for (Conv2d layer : encoder) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
    for (int i = 0; i < decoder.size(); i++) {
      decoder.get(i).initialize(manager, dataType, shape);
      int[] target = decoderTargets.get(i);
      shape = new Shape(x.get(0), target[0], target[1], target[2]);
    }
  }

  @Override
  RdWeights weights(float[] latentOffset) {
    List<ConvLayer> encoderLayers = new ArrayList<>();
    for (Conv2d layer : encoder) {
      encoderLayers.add(export(layer, kernel, STRIDE));
    }
    List<ConvLayer> decoderLayers = new ArrayList<>();
    for (Conv2d layer : decoder) {
      decoderLayers.add(export(layer, decoderKernel, 1));
    }
    return new RdWeights.Conv2d(
        image,
        latentChannels,
        latentHeight,
        latentWidth,
        encoderLayers,
        decoderLayers,
        outputActivation(),
        latentOffset);
  }

  private static ConvLayer export(Conv2d layer, int kernel, int stride) {
    NDArray weight = layer.getParameters().get("weight").getArray();
    NDArray bias = layer.getParameters().get("bias").getArray();
    Shape shape = weight.getShape(); // [out, in, k, k]
    return new ConvLayer(
        Math.toIntExact(shape.get(1)),
        Math.toIntExact(shape.get(0)),
        kernel,
        stride,
        kernel / 2,
        weight.toFloatArray(),
        bias.toFloatArray());
  }
}
