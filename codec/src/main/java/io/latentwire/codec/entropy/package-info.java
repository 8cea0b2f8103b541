/**
 * Entropy coding of latent and residual symbols: static integer frequency tables (stored in the
 * bundle, so decoding is bit-exact everywhere) and the coders that use them.
 */
package io.latentwire.codec.entropy;
