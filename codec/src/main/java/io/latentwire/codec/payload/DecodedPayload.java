package io.latentwire.codec.payload;

import io.latentwire.codec.quant.ResidualCode;

/**
 * What one payload carries.
 *
 * @param operatingPoint index of the operating point (in the model's ladder)
 * @param latentSymbols quantized latent, one symbol per latent dimension
 * @param residual the max-abs-error residual, or {@code null} when the record was coded without a
 *     bound
 */
public record DecodedPayload(int operatingPoint, int[] latentSymbols, ResidualCode residual) {}
