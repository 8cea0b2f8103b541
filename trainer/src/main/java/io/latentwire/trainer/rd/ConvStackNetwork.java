package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import io.latentwire.trainer.nn.SeededGlorotInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What {@link ConvNetwork} (2-D) and {@link Conv1dNetwork} (1-D) share: {@code downsamplings}
 * stride-2 convolutions with ReLU between from the record to the latent, and as many sub-pixel
 * upsampling layers back, each cropping to the grid its mirrored encoder layer received.
 *
 * <p>A grid is {@code {channels, size per spatial axis...}}: {@code {c, h, w}} in 2-D, {@code {c,
 * t}} in 1-D. Subclasses say how records become grids and back, and how a decoder layer's output is
 * shuffled into a larger grid; the layer order, the seeding and the forward loops live here once,
 * so both architectures draw seeds and apply layers in exactly the same order.
 */
abstract class ConvStackNetwork extends RdNetwork {
  static final int STRIDE = 2;

  /** Builds one convolution of the subclass's dimension; padding is always {@code kernel / 2}. */
  @FunctionalInterface
  interface ConvFactory {
    Convolution create(int kernel, int stride, int filters);
  }

  /** Makes a layer record from exported values, e.g. {@code ConvLayer::new}. */
  @FunctionalInterface
  interface LayerExport<L> {
    L create(int in, int out, int kernel, int stride, int padding, float[] w, float[] b);
  }

  private final int kernel;
  private final int decoderKernel;
  private final int[] inputGrid;
  private final List<Convolution> encoder = new ArrayList<>();
  private final List<Convolution> decoder = new ArrayList<>();

  /** The grid each decoder layer must produce, in decoder order. */
  private final List<int[]> decoderTargets = new ArrayList<>();

  /**
   * Draws the prior's seed, then one seed per layer, encoder first, from {@code layerSeeds}.
   *
   * @param inputGrid the record as a grid, {@code {channels, sizes...}}
   * @param shuffleFactor how many channels a decoder layer makes per output channel (the product of
   *     the upscaling over the spatial axes)
   */
  ConvStackNetwork(
      RdConfig config,
      SplittableRandom layerSeeds,
      int[] inputGrid,
      int shuffleFactor,
      ConvFactory conv) {
    super(config.latentSize(), config.outputActivation(), layerSeeds.nextLong());
    this.kernel = config.kernelSize();
    this.decoderKernel = config.decoderKernelSize();
    this.inputGrid = inputGrid.clone();
    int layers = config.downsamplings();

    // The grid each encoder layer receives; decoder layers give them back in reverse order.
    List<int[]> grids = new ArrayList<>();
    int[] grid = this.inputGrid;
    for (int i = 0; i < layers; i++) {
      grids.add(grid);
      int filters = i == layers - 1 ? config.latentChannels() : config.convChannels();
      encoder.add(
          seeded(addChildBlock("encoder" + i, conv.create(kernel, STRIDE, filters)), layerSeeds));
      grid = halved(grid, filters);
    }
    for (int i = layers - 1; i >= 0; i--) {
      int[] target = grids.get(i);
      Convolution layer = conv.create(decoderKernel, 1, target[0] * shuffleFactor);
      decoder.add(seeded(addChildBlock("decoder" + decoder.size(), layer), layerSeeds));
      decoderTargets.add(target);
    }
  }

  /** The grid a stride-2 layer padded by {@code kernel / 2} makes: {@code ceil(s / 2)} per axis. */
  private static int[] halved(int[] grid, int filters) {
    int[] next = new int[grid.length];
    next[0] = filters;
    for (int axis = 1; axis < grid.length; axis++) {
      next[axis] = (grid[axis] + 1) / 2;
    }
    return next;
  }

  private static Convolution seeded(Convolution block, SplittableRandom seeds) {
    block.setInitializer(new SeededGlorotInitializer(seeds.nextLong()), Parameter.Type.WEIGHT);
    return block; // biases keep DJL's zero initialiser: deterministic already
  }

  /** Channel-last records {@code [N, D]} to channels-first grids {@code [N, C, sizes...]}. */
  abstract NDArray toGrid(NDArray records);

  /** Channels-first grids back to channel-last records {@code [N, D]}. */
  abstract NDArray toRecords(NDArray grids);

  /** Flat latents {@code [N, L]} to the latent grid {@code [N, C, sizes...]}. */
  abstract NDArray toLatentGrid(NDArray z);

  /** Shuffles a decoder layer's output into the larger grid, then crops it to {@code target}. */
  abstract NDArray upscale(NDArray x, int[] target);

  @Override
  final NDArray encode(ParameterStore store, NDArray x, boolean training) {
    NDArray current = toGrid(x);
    for (int i = 0; i < encoder.size(); i++) {
      current = encoder.get(i).forward(store, new NDList(current), training).singletonOrThrow();
      if (i < encoder.size() - 1) {
        current = Activation.relu(current);
      }
    }
    return current.reshape(-1, latentSize());
  }

  @Override
  final NDArray decode(ParameterStore store, NDArray z, boolean training) {
    NDArray current = toLatentGrid(z);
    for (int i = 0; i < decoder.size(); i++) {
      current = decoder.get(i).forward(store, new NDList(current), training).singletonOrThrow();
      current = upscale(current, decoderTargets.get(i));
      if (i < decoder.size() - 1) {
        current = Activation.relu(current);
      }
    }
    return toRecords(activateOutput(current));
  }

  @Override
  final void initializeNetworks(NDManager manager, DataType dataType, Shape x) {
    Shape shape = batchOf(x.get(0), inputGrid);
    for (Convolution layer : encoder) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
    for (int i = 0; i < decoder.size(); i++) {
      decoder.get(i).initialize(manager, dataType, shape);
      shape = batchOf(x.get(0), decoderTargets.get(i));
    }
  }

  private static Shape batchOf(long batch, int[] grid) {
    long[] dims = new long[grid.length + 1];
    dims[0] = batch;
    for (int i = 0; i < grid.length; i++) {
      dims[i + 1] = grid[i];
    }
    return new Shape(dims);
  }

  /** Exports the encoder's layers, as the subclass's layer records. */
  final <L> List<L> encoderLayers(LayerExport<L> export) {
    return exported(encoder, kernel, STRIDE, export);
  }

  /** Exports the decoder's layers, as the subclass's layer records. */
  final <L> List<L> decoderLayers(LayerExport<L> export) {
    return exported(decoder, decoderKernel, 1, export);
  }

  private static <L> List<L> exported(
      List<Convolution> layers, int kernel, int stride, LayerExport<L> export) {
    List<L> records = new ArrayList<>();
    for (Convolution layer : layers) {
      NDArray weight = layer.getParameters().get("weight").getArray();
      NDArray bias = layer.getParameters().get("bias").getArray();
      Shape shape = weight.getShape(); // [out, in, kernel...]
      records.add(
          export.create(
              Math.toIntExact(shape.get(1)),
              Math.toIntExact(shape.get(0)),
              kernel,
              stride,
              kernel / 2,
              weight.toFloatArray(),
              bias.toFloatArray()));
    }
    return records;
  }
}
