/** Quantization of latent vectors into integer symbols and back. */
package io.latentwire.codec.quant;
