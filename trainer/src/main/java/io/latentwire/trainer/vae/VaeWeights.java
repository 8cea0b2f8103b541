package io.latentwire.trainer.vae;

import java.util.List;
import java.util.Objects;

/**
 * The weights of a trained VAE's deterministic inference path, as plain arrays: what the ONNX
 * exporter needs, and nothing that only training uses (the log-variance head is left out on
 * purpose, so sampling cannot reach an exported model).
 *
 * <p>Encoder: {@code x → encoderHidden (each followed by ReLU) → mu}. Decoder: {@code z →
 * decoderLayers}, with ReLU after every layer but the last and {@link #outputActivation()} after
 * the last.
 *
 * @param inputSize values per record (D)
 * @param latentSize latent code size (L)
 * @param encoderHidden encoder hidden layers, input side first; may be empty, not null
 * @param mu the mean head, mapping the last hidden width (or D) to L; not null
 * @param decoderLayers decoder layers, latent side first; at least one, the last produces D values
 * @param outputActivation function after the last decoder layer, not null
 */
public record VaeWeights(
    int inputSize,
    int latentSize,
    List<DenseLayer> encoderHidden,
    DenseLayer mu,
    List<DenseLayer> decoderLayers,
    OutputActivation outputActivation) {

  /** Checks that the layers chain D → … → L and L → … → D; copies the lists. */
  public VaeWeights {
    Objects.requireNonNull(encoderHidden, "encoderHidden must not be null");
    Objects.requireNonNull(mu, "mu must not be null");
    Objects.requireNonNull(decoderLayers, "decoderLayers must not be null");
    Objects.requireNonNull(outputActivation, "outputActivation must not be null");
    encoderHidden = List.copyOf(encoderHidden);
    decoderLayers = List.copyOf(decoderLayers);
    if (decoderLayers.isEmpty()) {
      throw new IllegalArgumentException("decoderLayers is empty: need at least one layer");
    }
    int width = inputSize;
    for (int i = 0; i < encoderHidden.size(); i++) {
      width = requireChain("encoderHidden[" + i + "]", encoderHidden.get(i), width);
    }
    if (requireChain("mu", mu, width) != latentSize) {
      throw new IllegalArgumentException(
          "mu has " + mu.outputs() + " outputs, expected latentSize = " + latentSize);
    }
    width = latentSize;
    for (int i = 0; i < decoderLayers.size(); i++) {
      width = requireChain("decoderLayers[" + i + "]", decoderLayers.get(i), width);
    }
    if (width != inputSize) {
      throw new IllegalArgumentException(
          "the last decoder layer has " + width + " outputs, expected inputSize = " + inputSize);
    }
  }

  private static int requireChain(String name, DenseLayer layer, int expectedInputs) {
    Objects.requireNonNull(layer, name + " must not be null");
    if (layer.inputs() != expectedInputs) {
      throw new IllegalArgumentException(
          name + " has " + layer.inputs() + " inputs, expected " + expectedInputs);
    }
    return layer.outputs();
  }
}
