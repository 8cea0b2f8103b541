/**
 * A training run end to end: data set to model bundle.
 *
 * <p>{@link io.latentwire.trainer.pipeline.ModelTrainer} reads the records into an off-heap feature
 * spool (heap use does not grow with the row count), maps and normalizes features, chooses the
 * network family ({@code ArchitectureChoice}, overridable with {@code --arch}), trains a
 * rate–distortion autoencoder ({@link io.latentwire.trainer.rd.RdTrainer}: distortion + lambda ·
 * rate, warm-up + cosine learning rate, early stopping with the best weights restored), exports it
 * to ONNX and builds the quality ladder by measuring the exported model in ONNX Runtime with the
 * codec's own coder, the way production runs it. Same seed and data on the same machine give a
 * byte-identical bundle: nothing clock-dependent is hashed ({@link
 * io.latentwire.trainer.pipeline.TrainedModel#trainSeconds()} and the per-epoch history carry the
 * wall time instead).
 */
package io.latentwire.trainer.pipeline;
