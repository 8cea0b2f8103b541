/**
 * Entropy coding of latent and residual symbols, integer arithmetic only so decoding is bit-exact
 * on every machine: static frequency tables stored in the bundle ({@link
 * io.latentwire.codec.entropy.FrequencyTable}, compiled once into {@link
 * io.latentwire.codec.entropy.CompiledTable}), a 32-bit range coder ({@link
 * io.latentwire.codec.entropy.RangeEncoder}, {@link io.latentwire.codec.entropy.RangeDecoder}) and
 * the adaptive context model of sparse residuals ({@link
 * io.latentwire.codec.entropy.ResidualModel}).
 */
package io.latentwire.codec.entropy;
