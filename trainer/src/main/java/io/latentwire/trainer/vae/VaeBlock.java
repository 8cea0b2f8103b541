package io.latentwire.trainer.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The VAE as a DJL block.
 *
 * <p>{@link #forward} is the training graph: inputs {@code (x [N, D], eps [N, L])}, outputs {@code
 * (x̂ [N, D], mu [N, L], logvar [N, L])} with {@code z = mu + exp(logvar / 2) · eps} when training.
 * The noise comes in as an input, drawn by the caller from a seeded Java generator, so the block
 * itself holds no randomness. When not training, {@code z = mu} and {@code eps} is ignored.
 *
 * <p>Inference goes through {@link #encodeMean} and {@link #decode}, which never touch the
 * log-variance head nor noise, mirroring exactly what the ONNX export contains.
 */
final class VaeBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int latentSize;
  private final OutputActivation outputActivation;
  private final SequentialBlock encoderTrunk;
  private final Linear muHead;
  private final Linear logvarHead;
  private final SequentialBlock decoder;
  private final List<Linear> encoderLayers = new ArrayList<>();
  private final List<Linear> decoderLayers = new ArrayList<>();

  VaeBlock(VaeConfig config, long initSeed) {
    super(VERSION);
    this.latentSize = config.latentSize();
    this.outputActivation = config.outputActivation();
    // One seed per layer, drawn in a fixed order, so each layer's initial weights depend only on
    // the configuration seed and the layer's position.
    SplittableRandom layerSeeds = new SplittableRandom(initSeed);

    encoderTrunk = addChildBlock("encoder", new SequentialBlock());
    for (int width : config.hiddenSizes()) {
      Linear layer = seededLinear(width, layerSeeds.nextLong());
      encoderLayers.add(layer);
      encoderTrunk.add(layer).add(Activation.reluBlock());
    }
    muHead = addChildBlock("mu", seededLinear(latentSize, layerSeeds.nextLong()));
    logvarHead = addChildBlock("logvar", seededLinear(latentSize, layerSeeds.nextLong()));

    decoder = addChildBlock("decoder", new SequentialBlock());
    List<Integer> hidden = config.hiddenSizes();
    for (int i = hidden.size() - 1; i >= 0; i--) {
      Linear layer = seededLinear(hidden.get(i), layerSeeds.nextLong());
      decoderLayers.add(layer);
      decoder.add(layer).add(Activation.reluBlock());
    }
    Linear output = seededLinear(config.inputSize(), layerSeeds.nextLong());
    decoderLayers.add(output);
    decoder.add(output);
    if (outputActivation == OutputActivation.SIGMOID) {
      decoder.add(Activation.sigmoidBlock());
    }
  }

  private static Linear seededLinear(int units, long seed) {
    Linear layer = Linear.builder().setUnits(units).build();
    layer.setInitializer(new SeededGlorotInitializer(seed), Parameter.Type.WEIGHT);
    return layer; // biases keep DJL's zero initialiser: deterministic already
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray hidden =
        encoderTrunk.forward(store, new NDList(x), training, params).singletonOrThrow();
    NDArray mu = muHead.forward(store, new NDList(hidden), training, params).singletonOrThrow();
    NDArray logvar =
        logvarHead.forward(store, new NDList(hidden), training, params).singletonOrThrow();
    NDArray z = mu;
    if (training) {
      if (inputs.size() < 2) {
        throw new IllegalArgumentException(
            "the training forward pass needs (x, eps); got " + inputs.size() + " input(s)");
      }
      z = mu.add(logvar.mul(0.5f).exp().mul(inputs.get(1)));
    }
    NDArray reconstruction =
        decoder.forward(store, new NDList(z), training, params).singletonOrThrow();
    return new NDList(reconstruction, mu, logvar);
  }

  /** Deterministic encoder: {@code mu(x)}, never sampling. */
  NDArray encodeMean(ParameterStore store, NDArray x) {
    NDArray hidden = encoderTrunk.forward(store, new NDList(x), false).singletonOrThrow();
    return muHead.forward(store, new NDList(hidden), false).singletonOrThrow();
  }

  /** Deterministic decoder: {@code x̂(z)}. */
  NDArray decode(ParameterStore store, NDArray z) {
    return decoder.forward(store, new NDList(z), false).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    Shape code = new Shape(x.get(0), latentSize);
    return new Shape[] {x, code, code};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    encoderTrunk.initialize(manager, dataType, x);
    Shape hidden = encoderTrunk.getOutputShapes(new Shape[] {x})[0];
    muHead.initialize(manager, dataType, hidden);
    logvarHead.initialize(manager, dataType, hidden);
    decoder.initialize(manager, dataType, new Shape(x.get(0), latentSize));
  }

  /** Copies the inference-path weights out of the engine into plain arrays. */
  VaeWeights exportWeights(int inputSize) {
    List<DenseLayer> encoder = new ArrayList<>();
    for (Linear layer : encoderLayers) {
      encoder.add(toDense(layer));
    }
    List<DenseLayer> decoderDense = new ArrayList<>();
    for (Linear layer : decoderLayers) {
      decoderDense.add(toDense(layer));
    }
    return new VaeWeights(
        inputSize, latentSize, encoder, toDense(muHead), decoderDense, outputActivation);
  }

  private static DenseLayer toDense(Linear layer) {
    NDArray weight = layer.getParameters().get("weight").getArray();
    NDArray bias = layer.getParameters().get("bias").getArray();
    Shape shape = weight.getShape();
    return new DenseLayer(
        Math.toIntExact(shape.get(1)),
        Math.toIntExact(shape.get(0)),
        weight.toFloatArray(),
        bias.toFloatArray());
  }
}
