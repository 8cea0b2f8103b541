package io.latentwire.ops.bench;

/**
 * PCA with {@code k} coefficients of 8 bits each: the payload is the {@code k} bytes, nothing else
 * (the model is known to both sides, like a codec's weights). Each coefficient is mapped linearly
 * from its training [min, max] to 0..255 and clipped there; the decoder clamps each value to its
 * feature's training range ({@link PcaModel#reconstruct}). Stateless apart from scratch buffers;
 * not thread-safe.
 */
public final class PcaBaseline implements Baseline {
  private static final int LEVELS = 255;

  private final PcaModel model;
  private final int k;
  private final double[] coef;

  /**
   * @param model fitted on training rows
   * @param k coefficients kept, 1 to {@code model.components()}
   */
  public PcaBaseline(PcaModel model, int k) {
    if (k < 1 || k > model.components()) {
      throw new IllegalArgumentException(
          "PCA coefficients must be between 1 and " + model.components() + ", got " + k);
    }
    this.model = model;
    this.k = k;
    this.coef = new double[k];
  }

  @Override
  public String name() {
    return "PCA";
  }

  @Override
  public String params() {
    return k + " coefficients × 8 bit, fit on train";
  }

  @Override
  public int width() {
    return model.width();
  }

  @Override
  public byte[] encodeOne(float[] rows, int offset) {
    model.project(rows, offset, k, coef);
    byte[] payload = new byte[k];
    for (int c = 0; c < k; c++) {
      double lo = model.coefficientMin(c);
      double span = model.coefficientMax(c) - lo;
      long q = span > 0 ? Math.round((coef[c] - lo) / span * LEVELS) : 0;
      payload[c] = (byte) Math.max(0, Math.min(LEVELS, q));
    }
    return payload;
  }

  @Override
  public void decodeOne(byte[] payload, float[] out, int offset) {
    if (payload.length != k) {
      throw new IllegalArgumentException(
          "PCA payload has " + payload.length + " bytes, expected " + k);
    }
    for (int c = 0; c < k; c++) {
      double lo = model.coefficientMin(c);
      double span = model.coefficientMax(c) - lo;
      coef[c] = lo + (payload[c] & 0xff) * span / LEVELS;
    }
    model.reconstruct(coef, k, out, offset);
  }
}
