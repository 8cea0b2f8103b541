package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.latentwire.trainer.nn.OutputActivation;
import java.util.SplittableRandom;

/**
 * An encoder, a decoder and the learned prior of the latent, as one DJL block.
 *
 * <p>{@link #forward} is the training graph: inputs {@code (x [N, D], noise [N, L])} with the noise
 * uniform in {@code [−½, ½)}, outputs {@code (x̂ [N, D], likelihood [N, L])} where {@code ỹ = y +
 * noise}, {@code likelihood = P(ỹ)} and {@code x̂ = decoder(ỹ)}. The noise is drawn by the caller
 * from a seeded Java generator, so the block holds no randomness.
 *
 * <p>The deployment path goes through {@link #encode} and {@link #decode}, which never see noise,
 * mirroring what the ONNX export contains (less the latent offset, which {@link TrainedRdModel}
 * applies).
 */
abstract class RdNetwork extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int latentSize;
  private final OutputActivation outputActivation;
  private final FactorizedPrior prior;

  RdNetwork(int latentSize, OutputActivation outputActivation, long priorSeed) {
    super(VERSION);
    this.latentSize = latentSize;
    this.outputActivation = outputActivation;
    this.prior = addChildBlock("prior", new FactorizedPrior(latentSize, priorSeed));
  }

  /**
   * Builds the network a configuration describes. One seed per layer (and one for the prior) is
   * drawn in a fixed order from {@code seed}, so each layer's initial weights depend only on the
   * seed and the layer's position.
   */
  static RdNetwork create(RdConfig config, long seed) {
    SplittableRandom layerSeeds = new SplittableRandom(seed);
    return switch (config.architecture()) {
      case MLP -> new MlpNetwork(config, layerSeeds);
      case CONV2D -> new ConvNetwork(config, layerSeeds);
      case CONV1D -> new Conv1dNetwork(config, layerSeeds);
    };
  }

  /** Deterministic encoder {@code y(x)}: {@code [N, D] → [N, L]}. */
  abstract NDArray encode(ParameterStore store, NDArray x, boolean training);

  /** Deterministic decoder {@code x̂(z)}: {@code [N, L] → [N, D]}. */
  abstract NDArray decode(ParameterStore store, NDArray z, boolean training);

  /** Copies the deployment-path weights out of the engine into plain arrays. */
  abstract RdWeights weights(float[] latentOffset);

  /** Initialises the encoder and decoder for records of shape {@code x}. */
  abstract void initializeNetworks(NDManager manager, DataType dataType, Shape x);

  /** Likelihood of the unit bin around each value under the learned prior. */
  NDArray likelihood(ParameterStore store, NDArray v, boolean training) {
    return prior.likelihood(store, v, training);
  }

  int latentSize() {
    return latentSize;
  }

  OutputActivation outputActivation() {
    return outputActivation;
  }

  /** Applies the decoder's output function. */
  NDArray activateOutput(NDArray logits) {
    return outputActivation == OutputActivation.SIGMOID ? Activation.sigmoid(logits) : logits;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException(
          "the training forward pass needs (x, noise); got " + inputs.size() + " input(s)");
    }
    NDArray noisy = encode(store, inputs.get(0), training).add(inputs.get(1));
    NDArray likelihood = prior.likelihood(store, noisy, training);
    NDArray reconstruction = decode(store, noisy, training);
    return new NDList(reconstruction, likelihood);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape x = inputShapes[0];
    return new Shape[] {x, new Shape(x.get(0), latentSize)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    initializeNetworks(manager, dataType, x);
    prior.initialize(manager, dataType, new Shape(x.get(0), latentSize));
  }
}
