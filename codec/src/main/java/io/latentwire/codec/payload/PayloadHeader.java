package io.latentwire.codec.payload;

/**
 * The two header bytes of a payload, readable without the model.
 *
 * @param version format version (first byte)
 * @param operatingPoint index of the operating point the latent was coded at
 * @param hasResidual whether a max-abs-error residual follows the latent
 */
public record PayloadHeader(int version, int operatingPoint, boolean hasResidual) {}
