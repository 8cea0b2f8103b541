/**
 * The latentwire trainer: learns a rate–distortion autoencoder from the user's records and exports
 * the deterministic inference path as ONNX in a model bundle.
 *
 * <p>Sub-packages: {@link io.latentwire.trainer.pipeline} runs a whole training (data, mapping,
 * normalisation, training, ONNX export, quality ladder, bundle); {@link io.latentwire.trainer.rd}
 * trains the model with DJL (PyTorch engine); {@link io.latentwire.trainer.nn} holds the blocks
 * both share; {@link io.latentwire.trainer.export} turns trained weights into ONNX graphs. {@link
 * io.latentwire.trainer.TrainerException} is the root of every failure this module reports.
 */
package io.latentwire.trainer;
