package io.latentwire.trainer.rd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The rate–distortion objective of {@link RdConfig}: per record, squared error summed over the
 * record's values plus {@code lambda} times the bits of the noisy latent under the learned prior,
 * averaged over the batch.
 *
 * <p>Labels are {@code (x)}; predictions are the training outputs of {@link RdNetwork}: {@code (x̂,
 * likelihood)}.
 */
final class RdLoss extends Loss {
  private static final float NEG_INV_LN2 = (float) (-1 / Math.log(2));

  private final float lambda;

  RdLoss(double lambda) {
    super("rate-distortion");
    this.lambda = (float) lambda;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return terms(labels.singletonOrThrow(), predictions).get(0);
  }

  /**
   * Returns {@code (loss, distortion, rateBits)} as scalars, all means over the batch; only {@code
   * loss} is meant for backward.
   */
  NDList terms(NDArray x, NDList predictions) {
    NDArray distortion = predictions.get(0).sub(x).square().sum(new int[] {1}).mean();
    NDArray rateBits = bits(predictions.get(1)).mean();
    NDArray loss = distortion.add(rateBits.mul(lambda));
    return new NDList(loss, distortion, rateBits);
  }

  /** Bits per record, {@code −Σ_j log2 likelihood_j}: {@code [N, L] → [N]}. */
  static NDArray bits(NDArray likelihood) {
    return likelihood.log().sum(new int[] {1}).mul(NEG_INV_LN2);
  }

  /** Stacks the three scalars of {@link #terms} so one native call reads them back. */
  static float[] read(NDList terms) {
    return NDArrays.stack(terms).toFloatArray();
  }
}
