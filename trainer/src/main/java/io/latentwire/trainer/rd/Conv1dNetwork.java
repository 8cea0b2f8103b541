package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import java.util.SplittableRandom;

/**
 * {@link Architecture#CONV1D}: the 1-D counterpart of {@link ConvNetwork} for windows of a series
 * (layout in {@link RdWeights.Conv1d}; the layer stack itself is {@link ConvStackNetwork}). A
 * window is taken as an image one row high: {@link RdConfig#imageShape()} is {@code 1 × length ×
 * channels}. Every encoder convolution pads by {@code kernel / 2} and maps a length {@code s} to
 * {@code ceil(s / 2)}; each decoder layer doubles the length and crops to the length its encoder
 * counterpart received.
 */
final class Conv1dNetwork extends ConvStackNetwork {
  private static final int UPSCALE = RdWeights.Conv1d.UPSCALE;

  private final int length;
  private final int channels;
  private final int latentChannels;
  private final int latentLength;

  /** Draws the prior's seed, then one seed per layer, encoder first, from {@code layerSeeds}. */
  Conv1dNetwork(RdConfig config, SplittableRandom layerSeeds) {
    super(
        config,
        layerSeeds,
        new int[] {config.imageShape().channels(), config.imageShape().width()},
        UPSCALE,
        Conv1dNetwork::conv);
    this.length = config.imageShape().width();
    this.channels = config.imageShape().channels();
    this.latentChannels = config.latentChannels();
    this.latentLength = config.latentWidth();
  }

  private static Conv1d conv(int kernel, int stride, int filters) {
    return Conv1d.builder()
        .setKernelShape(new Shape(kernel))
        .optStride(new Shape(stride))
        .optPadding(new Shape(kernel / 2))
        .setFilters(filters)
        .build();
  }

  @Override
  NDArray toGrid(NDArray records) {
    return records.reshape(-1, length, channels).transpose(0, 2, 1);
  }

  @Override
  NDArray toRecords(NDArray grids) {
    return grids.transpose(0, 2, 1).reshape(-1, (long) length * channels);
  }

  @Override
  NDArray toLatentGrid(NDArray z) {
    return z.reshape(-1, latentChannels, latentLength);
  }

  /** 1-D shuffle ({@code [N, c·2, t] → [N, c, 2t]}), then crop to the target length. */
  @Override
  NDArray upscale(NDArray x, int[] target) {
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
  RdWeights weights(float[] latentOffset) {
    return new RdWeights.Conv1d(
        length,
        channels,
        latentChannels,
        latentLength,
        encoderLayers(Conv1dLayer::new),
        decoderLayers(Conv1dLayer::new),
        outputActivation(),
        latentOffset);
  }
}
