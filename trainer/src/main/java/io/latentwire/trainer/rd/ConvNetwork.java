package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.SplittableRandom;

/**
 * {@link Architecture#CONV2D}: {@code downsamplings} stride-2 convolutions with ReLU between, from
 * the image to the latent grid, and as many sub-pixel upsampling layers back (layout and reasons in
 * {@link RdWeights.Conv2d}; the layer stack itself is {@link ConvStackNetwork}).
 *
 * <p>Every encoder convolution pads by {@code kernel / 2}, so it maps a size {@code s} to {@code
 * ceil(s / 2)} (28 → 14 → 7 → 4). Each decoder layer doubles the size and crops to the size its
 * encoder counterpart received, so odd sizes survive the round trip.
 */
final class ConvNetwork extends ConvStackNetwork {
  private static final int UPSCALE = RdWeights.Conv2d.UPSCALE;

  private final ImageShape image;
  private final int latentChannels;
  private final int latentHeight;
  private final int latentWidth;

  /** Draws the prior's seed, then one seed per layer, encoder first, from {@code layerSeeds}. */
  ConvNetwork(RdConfig config, SplittableRandom layerSeeds) {
    super(
        config,
        layerSeeds,
        new int[] {
          config.imageShape().channels(), config.imageShape().height(), config.imageShape().width()
        },
        UPSCALE * UPSCALE,
        ConvNetwork::conv);
    this.image = config.imageShape();
    this.latentChannels = config.latentChannels();
    this.latentHeight = config.latentHeight();
    this.latentWidth = config.latentWidth();
  }

  private static Conv2d conv(int kernel, int stride, int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .setFilters(filters)
        .build();
  }

  @Override
  NDArray toGrid(NDArray records) {
    // Records are channel-last rows; the convolutions want [N, C, H, W].
    return records
        .reshape(-1, image.height(), image.width(), image.channels())
        .transpose(0, 3, 1, 2);
  }

  @Override
  NDArray toRecords(NDArray grids) {
    return grids.transpose(0, 2, 3, 1).reshape(-1, image.values());
  }

  @Override
  NDArray toLatentGrid(NDArray z) {
    return z.reshape(-1, latentChannels, latentHeight, latentWidth);
  }

  /** Pixel shuffle ({@code [N, c·4, h, w] → [N, c, 2h, 2w]}), then crop to the target size. */
  @Override
  NDArray upscale(NDArray x, int[] target) {
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
  RdWeights weights(float[] latentOffset) {
    return new RdWeights.Conv2d(
        image,
        latentChannels,
        latentHeight,
        latentWidth,
        encoderLayers(ConvLayer::new),
        decoderLayers(ConvLayer::new),
        outputActivation(),
        latentOffset);
  }
}
