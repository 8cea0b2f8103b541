/**
 * A training run end to end: data set to model bundle, with the quantizer calibrated by measuring
 * the exported model in ONNX Runtime, the way production will run it.
 */
package io.latentwire.trainer.pipeline;
