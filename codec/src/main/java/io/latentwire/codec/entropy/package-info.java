/**
 * Entropy coding of latent and residual symbols, integer arithmetic only so decoding is bit-exact
 * on every machine: static frequency tables stored in the bundle ({@link
 * io.latentwire.codec.entropy.FrequencyTable}, compiled once into {@link
 * io.latentwire.codec.entropy.CompiledTable}), a 32-bit range coder ({@link
 * io.latentwire.codec.entropy.RangeEncoder}, {@link io.latentwire.codec.entropy.RangeDecoder}) and
 * the context models of sparse max-abs-error residuals: {@link
 * io.latentwire.codec.entropy.ContextResidualModel} (payload version 3: neighbour and feature-class
 * contexts, probabilities starting from priors fitted at training time, {@link
 * io.latentwire.codec.entropy.ResidualStatistics}) and the older {@link
 * io.latentwire.codec.entropy.ResidualModel} (version 2: adapts from one half in every payload).
 */
package io.latentwire.codec.entropy;
