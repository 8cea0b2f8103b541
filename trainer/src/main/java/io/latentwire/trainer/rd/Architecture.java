package io.latentwire.trainer.rd;

/** The family of encoder and decoder networks a rate–distortion model is built from. */
public enum Architecture {
  /**
   * Fully connected layers with ReLU: {@code D → hidden… → L}, and the mirror back to {@code D}.
   * For records that are plain vectors.
   */
  MLP,
  /**
   * Strided 2-D convolutions with ReLU for records that are images {@code H × W × C}: each of the
   * encoder's layers halves the height and width (rounding up), the last one produces the latent
   * channels; the decoder mirrors it with sub-pixel convolutions (convolution, then pixel shuffle).
   * The latent code is the flattened {@code channels × h × w} grid.
   */
  CONV2D,
  /**
   * Strided 1-D convolutions for records that are windows of a series ({@code length × channels},
   * given as an {@link ImageShape} one row high): each encoder layer halves the length (rounding
   * up); the decoder mirrors it with 1-D sub-pixel convolutions. The code is the flattened {@code
   * channels × length} latent.
   */
  CONV1D
}
