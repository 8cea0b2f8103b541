package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import io.latentwire.trainer.nn.SeededGlorotInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link Architecture#CONV1D}: the 1-D counterpart of {@link ConvNetwork} for windows of a series
 * (layout in {@link RdWeights.Conv1d}). A window is taken as an image one row high: {@link
 * RdConfig#imageShape()} is {@code 1 × length × channels}. Every encoder convolution pads by {@code
 * kernel / 2} and maps a length {@code s} to {@code ceil(s / 2)}; each decoder layer doubles the
 * length and crops to the length its encoder counterpart received.
 */
final class Conv1dNetwork extends RdNetwork {
  private static final int STRIDE = 2;
  private static final int UPSCALE = RdWeights.Conv1d.UPSCALE;

  private final int length;
  private final int channels;
  private final int latentChannels;
  private final int latentLength;
  private final int kernel;
  private final int decoderKernel;
  private final List<Conv1d> encoder = new ArrayList<>();
  private final List<Conv1d> decoder = new ArrayList<>();

  /** {channels, length} each decoder layer must produce, in decoder order. */
  private final List<int[]> decoderTargets = new ArrayList<>();

  /** Draws the prior's seed, then one seed per layer, encoder first, from {@code layerSeeds}. */
  Conv1dNetwork(RdConfig config, SplittableRandom layerSeeds) {
    super(config.latentSize(), config.outputActivation(), layerSeeds.nextLong());
    this.length = config.imageShape().width();
    this.channels = config.imageShape().channels();
    this.latentChannels = config.latentChannels();
    this.latentLength = config.latentWidth();
    this.kernel = config.kernelSize();
    this.decoderKernel = config.decoderKernelSize();
    int layers = config.downsamplings();
    List<int[]> levels = new ArrayList<>();
    int[] level = {channels, length};
    for (int i = 0; i < layers; i++) {
      levels.add(level);
      int filters = i == layers - 1 ? latentChannels : config.convChannels();
      encoder.add(seeded(addChildBlock("encoder" + i, conv(kernel, STRIDE, filters)), layerSeeds));
      level = new int[] {filters, (level[1] + 1) / 2};
    }
    for (int i = layers - 1; i >= 0; i--) {
      int[] target = levels.get(i);
      Conv1d layer = conv(decoderKernel, 1, target[0] * UPSCALE);
      decoder.add(seeded(addChildBlock("decoder" + decoder.size(), layer), layerSeeds));
      decoderTargets.add(target);
    }
  }

  private static Conv1d conv(int kernel, int stride, int filters) {
    return Conv1d.builder()
        .setKernelShape(new Shape(kernel))
        .optStride(new Shape(stride))
        .optPadding(new Shape(kernel / 2))
        .setFilters(filters)
        .build();
  }

  private static Conv1d seeded(Conv1d block, SplittableRandom seeds) {
    block.setInitializer(new SeededGlorotInitializer(seeds.nextLong()), Parameter.Type.WEIGHT);
    return block;
  }

  @Override
  NDArray encode(ParameterStore store, NDArray x, boolean training) {
    NDArray current = x.reshape(-1, length, channels).transpose(0, 2, 1);
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
    NDArray current = z.reshape(-1, latentChannels, latentLength);
    for (int i = 0; i < decoder.size(); i++) {
      current = decoder.get(i).forward(store, new NDList(current), training).singletonOrThrow();
      current = upscale(current, decoderTargets.get(i));
      if (i < decoder.size() - 1) {
        current = Activation.relu(current);
      }
    }
    current = activateOutput(current);
    return current.transpose(0, 2, 1).reshape(-1, (long) length * channels);
  }

  /** 1-D shuffle ({@code [N, c·2, t] → [N, c, 2t]}), then crop to the target length. */
  private static NDArray upscale(NDArray x, int[] target) {
    long t = x.getShape().get(2);
    NDArray shuffled =
        x.reshape(-1, target[0], UPSCALE, t)
            .transpose(0, 1, 3, 2)
            .reshape(-1, target[0], t * UPSCALE);
    if (t * UPSCALE == target[1]) {
      return shuffled;
    }
    return shuffled.get(new NDIndex(":, :, :{}", target[1]));
  }

  @Override
  void initializeNetworks(NDManager manager, DataType dataType, Shape x) {
    Shape shape = new Shape(x.get(0), channels, length);
    for (Conv1d layer : encoder) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
    for (int i = 0; i < decoder.size(); i++) {
      decoder.get(i).initialize(manager, dataType, shape);
      int[] target = decoderTargets.get(i);
      shape = new Shape(x.get(0), target[0], target[1]);
    }
  }

  @Override
  RdWeights weights(float[] latentOffset) {
    List<Conv1dLayer> encoderLayers = new ArrayList<>();
    for (Conv1d layer : encoder) {
      encoderLayers.add(export(layer, kernel, STRIDE));
    }
    List<Conv1dLayer> decoderLayers = new ArrayList<>();
    for (Conv1d layer : decoder) {
      decoderLayers.add(export(layer, decoderKernel, 1));
    }
    return new RdWeights.Conv1d(
        length,
        channels,
        latentChannels,
        latentLength,
        encoderLayers,
        decoderLayers,
        outputActivation(),
        latentOffset);
  }

  private static Conv1dLayer export(Conv1d layer, int kernel, int stride) {
    NDArray weight = layer.getParameters().get("weight").getArray();
    NDArray bias = layer.getParameters().get("bias").getArray();
    Shape shape = weight.getShape(); // [out, in, k]
    return new Conv1dLayer(
        Math.toIntExact(shape.get(1)),
        Math.toIntExact(shape.get(0)),
        kernel,
        stride,
        kernel / 2,
        weight.toFloatArray(),
        bias.toFloatArray());
  }
}
