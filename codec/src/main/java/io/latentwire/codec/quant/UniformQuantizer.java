package io.latentwire.codec.quant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentwire.codec.entropy.FrequencyTable;

/**
 * Uniform scalar quantization of latent values: {@code q = round(z / step)}, {@code z' = q * step}.
 *
 * <p>Symbols are clamped to ±{@link #MAX_SYMBOL} so a latent that blew up on an outlier still
 * yields a payload the decoder accepts (its reconstruction is poor, never a crash).
 */
public record UniformQuantizer(@JsonProperty("step") float step) {
  /** Largest symbol magnitude a payload may carry. */
  public static final int MAX_SYMBOL = FrequencyTable.MAX_SYMBOL_MAGNITUDE;

  @JsonCreator
  public UniformQuantizer {
    if (!(step > 0) || !Float.isFinite(step)) {
      throw new IllegalArgumentException("quantization step must be finite and > 0, got " + step);
    }
  }

  public int quantize(float z) {
    if (Float.isNaN(z)) {
      return 0;
    }
    long q = Math.round((double) z / step);
    return (int) Math.max(-MAX_SYMBOL, Math.min(MAX_SYMBOL, q));
  }

  public float dequantize(int q) {
    return q * step;
  }

  public void quantize(float[] z, int[] out) {
    for (int i = 0; i < z.length; i++) {
      out[i] = quantize(z[i]);
    }
  }

  public void dequantize(int[] q, float[] out) {
    for (int i = 0; i < q.length; i++) {
      out[i] = dequantize(q[i]);
    }
  }
}
