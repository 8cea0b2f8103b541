/**
 * Export of a trained VAE's deterministic path to ONNX, for ONNX Runtime in the codec.
 *
 * <p>{@link io.latentwire.trainer.export.OnnxExporter} turns {@link
 * io.latentwire.trainer.vae.VaeWeights} (plain arrays, no engine needed) into an encoder model
 * ({@code x → mu}) and a decoder model ({@code z → x_hat}), with provenance in the ONNX {@code
 * metadata_props} and byte-identical output for identical input.
 */
package io.latentwire.trainer.export;
