package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.latentwire.trainer.nn.DenseLayer;
import io.latentwire.trainer.nn.SeededGlorotInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** {@link Architecture#MLP}: {@code D → hidden… → L} and {@code L → …hidden → D}, ReLU between. */
final class MlpNetwork extends RdNetwork {
  private final List<Linear> encoder = new ArrayList<>();
  private final List<Linear> decoder = new ArrayList<>();
  private final int inputSize;

  /** Draws the prior's seed, then one seed per layer, encoder first, from {@code layerSeeds}. */
  MlpNetwork(RdConfig config, SplittableRandom layerSeeds) {
    super(config.latentSize(), config.outputActivation(), layerSeeds.nextLong());
    this.inputSize = config.inputSize();
    List<Integer> hidden = config.hiddenSizes();
    for (int width : hidden) {
      encoder.add(addChildBlock("encoder" + encoder.size(), linear(width, layerSeeds)));
    }
    encoder.add(addChildBlock("encoder" + encoder.size(), linear(config.latentSize(), layerSeeds)));
    for (int i = hidden.size() - 1; i >= 0; i--) {
      decoder.add(addChildBlock("decoder" + decoder.size(), linear(hidden.get(i), layerSeeds)));
    }
    decoder.add(addChildBlock("decoder" + decoder.size(), linear(inputSize, layerSeeds)));
  }

  private static Linear linear(int units, SplittableRandom seeds) {
    Linear layer = Linear.builder().setUnits(units).build();
    layer.setInitializer(new SeededGlorotInitializer(seeds.nextLong()), Parameter.Type.WEIGHT);
    return layer; // biases keep DJL's zero initialiser: deterministic already
  }

  @Override
  NDArray encode(ParameterStore store, NDArray x, boolean training) {
    return chain(store, encoder, x, training);
  }

  @Override
  NDArray decode(ParameterStore store, NDArray z, boolean training) {
    return activateOutput(chain(store, decoder, z, training));
  }

  private static NDArray chain(
      ParameterStore store, List<Linear> layers, NDArray input, boolean training) {
    NDArray current = input;
    for (int i = 0; i < layers.size(); i++) {
      current = layers.get(i).forward(store, new NDList(current), training).singletonOrThrow();
      if (i < layers.size() - 1) {
        current = Activation.relu(current);
      }
    }
    return current;
  }

  @Override
  void initializeNetworks(NDManager manager, DataType dataType, Shape x) {
    Shape shape = x;
    for (Linear layer : encoder) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
    for (Linear layer : decoder) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
  }

  @Override
  RdWeights weights(float[] latentOffset) {
    return new RdWeights.Mlp(
        inputSize, dense(encoder), dense(decoder), outputActivation(), latentOffset);
  }

  private static List<DenseLayer> dense(List<Linear> layers) {
    List<DenseLayer> result = new ArrayList<>();
    for (Linear layer : layers) {
      NDArray weight = layer.getParameters().get("weight").getArray();
      NDArray bias = layer.getParameters().get("bias").getArray();
      Shape shape = weight.getShape();
      result.add(
          new DenseLayer(
              Math.toIntExact(shape.get(1)),
              Math.toIntExact(shape.get(0)),
              weight.toFloatArray(),
              bias.toFloatArray()));
    }
    return result;
  }
}
