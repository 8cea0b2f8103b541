package io.latentwire.trainer.nn;

/**
 * The function applied to the decoder's last layer. It must match how the data were normalised, and
 * the exporter writes the same function into the ONNX decoder.
 */
public enum OutputActivation {
  /** Logistic sigmoid: outputs in (0, 1), for data min-max normalised into [0, 1]. */
  SIGMOID,
  /** No activation: unbounded outputs, for standardised (zero mean, unit variance) data. */
  IDENTITY
}
