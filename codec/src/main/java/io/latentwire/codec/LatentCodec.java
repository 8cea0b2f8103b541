package io.latentwire.codec;

import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.model.ModelId;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.onnx.OnnxNetwork;
import io.latentwire.codec.payload.PayloadFormat;
import io.latentwire.codec.quant.UniformQuantizer;

/**
 * Feature vectors to payloads and back, exactly as production runs them: normalize, ONNX encoder,
 * quantize, payload; and payload, dequantize, ONNX decoder, denormalize.
 *
 * <p>Owns two ONNX Runtime sessions: close it. Thread-safe. Batches are row-major {@code float[]}
 * so a batch of 64 images costs one allocation, not 64.
 */
public final class LatentCodec implements AutoCloseable {
  private final ModelBundle bundle;
  private final Manifest manifest;
  private final Normalization normalization;
  private final UniformQuantizer quantizer;
  private final OnnxNetwork encoder;
  private final OnnxNetwork decoder;
  private final int inputSize;
  private final int latentSize;

  private LatentCodec(ModelBundle bundle, OnnxNetwork encoder, OnnxNetwork decoder) {
    this.bundle = bundle;
    this.manifest = bundle.manifest();
    this.normalization = manifest.normalization();
    this.quantizer = manifest.quantizer();
    this.encoder = encoder;
    this.decoder = decoder;
    this.inputSize = manifest.inputSize();
    this.latentSize = manifest.latentSize();
  }

  /** Loads both networks of a bundle into ONNX Runtime. */
  public static LatentCodec open(ModelBundle bundle, InferenceOptions options) {
    Manifest m = bundle.manifest();
    String id = bundle.id().shortHex();
    OnnxNetwork enc =
        OnnxNetwork.load(
            "encoder of model " + id, bundle.encoderOnnx(), m.inputSize(), m.latentSize(), options);
    try {
      OnnxNetwork dec =
          OnnxNetwork.load(
              "decoder of model " + id,
              bundle.decoderOnnx(),
              m.latentSize(),
              m.inputSize(),
              options);
      return new LatentCodec(bundle, enc, dec);
    } catch (RuntimeException e) {
      enc.close();
      throw e;
    }
  }

  public ModelId modelId() {
    return bundle.id();
  }

  public ModelBundle bundle() {
    return bundle;
  }

  public Manifest manifest() {
    return manifest;
  }

  public int inputSize() {
    return inputSize;
  }

  public int latentSize() {
    return latentSize;
  }

  /**
   * Encodes a batch of raw feature rows.
   *
   * @param rawRows row-major, {@code batch * inputSize()} raw (not normalized) values
   * @return one payload per row
   */
  public byte[][] encode(float[] rawRows, int batch) {
    int[][] symbols = quantizedLatents(rawRows, batch);
    byte[][] payloads = new byte[batch][];
    for (int r = 0; r < batch; r++) {
      payloads[r] = PayloadFormat.write(symbols[r]);
    }
    return payloads;
  }

  /** Encodes one raw feature row. */
  public byte[] encode(float[] rawRow) {
    return encode(rawRow, 1)[0];
  }

  /** Quantized latent symbols of a batch of raw rows (what the payload carries). */
  public int[][] quantizedLatents(float[] rawRows, int batch) {
    float[] norm = new float[rawRows.length];
    float[] row = new float[inputSize];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(rawRows, r * inputSize, row, 0, inputSize);
      normalization.normalize(row, row);
      System.arraycopy(row, 0, norm, r * inputSize, inputSize);
    }
    float[] latent = encoder.run(norm, batch);
    int[][] symbols = new int[batch][latentSize];
    float[] z = new float[latentSize];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(latent, r * latentSize, z, 0, latentSize);
      quantizer.quantize(z, symbols[r]);
    }
    return symbols;
  }

  /**
   * Decodes a batch of payloads into raw feature rows.
   *
   * @return row-major, {@code payloads.length * inputSize()} raw values
   * @throws io.latentwire.codec.errors.CorruptPayloadException on a corrupt payload
   */
  public float[] decode(byte[][] payloads) {
    int batch = payloads.length;
    float[] latent = new float[batch * latentSize];
    float[] z = new float[latentSize];
    for (int r = 0; r < batch; r++) {
      int[] symbols = PayloadFormat.read(payloads[r], latentSize);
      quantizer.dequantize(symbols, z);
      System.arraycopy(z, 0, latent, r * latentSize, latentSize);
    }
    float[] norm = decoder.run(latent, batch);
    float[] row = new float[inputSize];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(norm, r * inputSize, row, 0, inputSize);
      normalization.denormalize(row, row);
      System.arraycopy(row, 0, norm, r * inputSize, inputSize);
    }
    return norm;
  }

  /** Decodes one payload into a raw feature row. */
  public float[] decode(byte[] payload) {
    return decode(new byte[][] {payload});
  }

  @Override
  public void close() {
    try {
      encoder.close();
    } finally {
      decoder.close();
    }
  }
}
