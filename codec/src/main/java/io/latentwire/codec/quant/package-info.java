/**
 * Quantization: latent vectors into integer symbols and back ({@link
 * io.latentwire.codec.quant.UniformQuantizer}, one step per {@link
 * io.latentwire.codec.quant.OperatingPoint} of a bundle's quality ladder), and the residual that
 * guarantees a max abs error ({@link io.latentwire.codec.quant.ResidualQuantizer}, {@link
 * io.latentwire.codec.quant.ResidualCode}), with the fitter of the residual coder's statistics
 * ({@link io.latentwire.codec.quant.ResidualStatisticsFitter}).
 */
package io.latentwire.codec.quant;
