/**
 * Export of a trained model's deterministic path to ONNX, for ONNX Runtime in the codec.
 *
 * <p>{@link io.latentwire.trainer.export.OnnxExporter} turns plain-array weights (no engine needed)
 * into an encoder model ({@code x → mu}) and a decoder model ({@code z → x_hat}), with provenance
 * in the ONNX {@code metadata_props} and byte-identical output for identical input. It takes the
 * weights of a rate–distortion model ({@link io.latentwire.trainer.rd.RdWeights}, MLP or
 * convolutional; the convolutional graphs reshape the codec's flat rows inside the graph).
 * Operators tribuo's {@code ONNXOperators} lacks (Relu, Conv, Reshape, Transpose, Slice) are
 * declared in {@code OnnxOps}.
 */
package io.latentwire.trainer.export;
