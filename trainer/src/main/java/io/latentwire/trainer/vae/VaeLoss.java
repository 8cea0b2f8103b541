package io.latentwire.trainer.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The VAE objective: per-record squared error summed over the record's values, plus {@code beta}
 * times the KL divergence of {@code N(mu, exp(logvar))} from {@code N(0, I)}, averaged over the
 * batch.
 *
 * <p>Labels are {@code (x)}; predictions are the training outputs of {@link VaeBlock}: {@code (x̂,
 * mu, logvar)}.
 */
final class VaeLoss extends Loss {
  private final float beta;

  VaeLoss(double beta) {
    super("vae");
    this.beta = (float) beta;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return terms(labels.singletonOrThrow(), predictions).get(0);
  }

  /**
   * Returns {@code (loss, reconstruction, kl)} as scalars, all means over the batch; only {@code
   * loss} is meant for backward.
   */
  NDList terms(NDArray x, NDList predictions) {
    NDArray reconstruction = predictions.get(0);
    NDArray mu = predictions.get(1);
    NDArray logvar = predictions.get(2);
    NDArray squaredError = reconstruction.sub(x).square().sum(new int[] {1}).mean();
    NDArray kl =
        logvar.add(1f).sub(mu.square()).sub(logvar.exp()).sum(new int[] {1}).mean().mul(-0.5f);
    NDArray loss = squaredError.add(kl.mul(beta));
    return new NDList(loss, squaredError, kl);
  }

  /** Stacks the three scalars of {@link #terms} so one native call reads them back. */
  static float[] read(NDList terms) {
    return NDArrays.stack(terms).toFloatArray();
  }
}
