/**
 * Training of an MLP variational autoencoder with DJL on the PyTorch engine (CPU).
 *
 * <p>Entry point: {@link io.latentwire.trainer.vae.VaeTrainer#train} takes normalised records as a
 * compact row-major {@code float[]}, a validated {@link io.latentwire.trainer.vae.VaeConfig} and a
 * {@link io.latentwire.trainer.vae.TrainingProgressListener}, and returns a {@link
 * io.latentwire.trainer.vae.TrainedVae} (which owns native memory: close it).
 *
 * <p>Training and inference are kept apart: the reparameterised sampling and the log-variance head
 * exist only inside the training forward pass. {@link io.latentwire.trainer.vae.TrainedVae} exposes
 * only the deterministic path ({@code mu(x)}, {@code decoder(z)}), and {@link
 * io.latentwire.trainer.vae.VaeWeights} carries only its weights, which is what the exporter writes
 * to ONNX.
 *
 * <p>Not here: field mapping, normalisation and the model bundle (codec), the CLI (ops).
 */
package io.latentwire.trainer.vae;
