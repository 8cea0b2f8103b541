/**
 * The latentwire trainer: learns a variational autoencoder from the user's records and exports the
 * deterministic inference path as ONNX.
 *
 * <p>Sub-packages: {@link io.latentwire.trainer.vae} trains the model with DJL (PyTorch engine);
 * {@link io.latentwire.trainer.export} turns trained weights into ONNX graphs. {@link
 * io.latentwire.trainer.TrainerException} is the root of every failure this module reports.
 */
package io.latentwire.trainer;
