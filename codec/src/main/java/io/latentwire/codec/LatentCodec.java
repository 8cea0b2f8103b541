package io.latentwire.codec;

import io.latentwire.codec.entropy.ResidualStatistics;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.model.ModelId;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.onnx.OnnxNetwork;
import io.latentwire.codec.payload.DecodedPayload;
import io.latentwire.codec.payload.PayloadFormat;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.codec.quant.ResidualCode;
import io.latentwire.codec.quant.ResidualQuantizer;
import io.latentwire.codec.quant.ResidualStatisticsFitter;
import io.latentwire.codec.quant.UniformQuantizer;
import java.util.Arrays;
import java.util.List;

/**
 * Feature vectors to payloads and back, exactly as production runs them: normalize, ONNX encoder,
 * quantize at an operating point, entropy-code (plus, under a max-abs-error bound, the coded
 * residual against the model's own reconstruction); and payload, dequantize, ONNX decoder,
 * denormalize, apply the residual.
 *
 * <p>Owns two ONNX Runtime sessions: close it. Thread-safe. Batches are row-major {@code float[]}
 * so a batch of 64 images costs one allocation, not 64. Entropy tables are compiled once, here.
 */
public final class LatentCodec implements AutoCloseable {
  private final ModelBundle bundle;
  private final Manifest manifest;
  private final Normalization normalization;
  private final List<OperatingPoint> points;
  private final UniformQuantizer[] quantizers;
  private final PayloadFormat format;
  private final ResidualQuantizer residuals;
  private final OnnxNetwork encoder;
  private final OnnxNetwork decoder;
  private final int inputSize;
  private final int latentSize;

  /** The bundle's default bound per feature, or null: applied when settings give no bound. */
  private final float[] defaultBounds;

  private LatentCodec(ModelBundle bundle, OnnxNetwork encoder, OnnxNetwork decoder) {
    this.bundle = bundle;
    this.manifest = bundle.manifest();
    this.normalization = manifest.normalization();
    this.points = manifest.operatingPoints();
    this.quantizers =
        points.stream().map(OperatingPoint::quantizer).toArray(UniformQuantizer[]::new);
    this.inputSize = manifest.inputSize();
    this.latentSize = manifest.latentSize();
    this.format = new PayloadFormat(points, latentSize, inputSize, manifest.residualStatistics());
    this.residuals = new ResidualQuantizer(normalization, manifest.mapping().featureKinds());
    this.defaultBounds = manifest.defaultMaxAbsErrorBounds();
    this.encoder = encoder;
    this.decoder = decoder;
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
      try {
        return new LatentCodec(bundle, enc, dec);
      } catch (RuntimeException e) {
        dec.close();
        throw e;
      }
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

  /** The payload format of this model (compiled entropy tables). */
  public PayloadFormat payloadFormat() {
    return format;
  }

  /** The residual quantizer of this model (drift margins per feature). */
  public ResidualQuantizer residualQuantizer() {
    return residuals;
  }

  /**
   * Encodes a batch of raw feature rows with the bundle's defaults: its default operating point,
   * and its default bound if it has one ({@link Manifest#defaultMaxAbsError()}).
   */
  public byte[][] encode(float[] rawRows, int batch) {
    return encode(rawRows, batch, EncodeSettings.defaults());
  }

  /**
   * Encodes a batch of raw feature rows.
   *
   * <p>With a max-abs-error bound, the decoder network runs here too (on the whole batch) so the
   * residual is taken against exactly what a decoder reconstructs; that roughly doubles the
   * inference cost.
   *
   * @param rawRows row-major, {@code batch * inputSize()} raw (not normalized) values
   * @param settings operating point and optional bound; settings that give no bound take the
   *     bundle's default bound (see {@link #maxAbsErrorOf})
   * @return one payload per row
   * @throws IllegalArgumentException if the operating point does not exist or the bounds do not
   *     match the feature count
   */
  public byte[][] encode(float[] rawRows, int batch, EncodeSettings settings) {
    int op = operatingPointOf(settings);
    float[] bounds = maxAbsErrorOf(settings);
    int[][] symbols = quantizedLatents(rawRows, batch, op);
    ResidualCode[] codes =
        bounds == null ? null : residualCodes(rawRows, batch, op, symbols, bounds);
    byte[][] payloads = new byte[batch][];
    for (int r = 0; r < batch; r++) {
      payloads[r] = format.write(op, symbols[r], codes == null ? null : codes[r]);
    }
    return payloads;
  }

  /**
   * The bounds {@code settings} encode under with this model: the explicit ones, else the bundle's
   * default bound (when the settings give none either way), else {@code null} for none.
   *
   * @return a fresh array of {@link #inputSize()} bounds, or {@code null}
   */
  public float[] maxAbsErrorOf(EncodeSettings settings) {
    if (settings.usesBundleDefaultBound()) {
      return defaultBounds == null ? null : defaultBounds.clone();
    }
    return settings.maxAbsError(inputSize);
  }

  private int operatingPointOf(EncodeSettings settings) {
    int op = settings.operatingPoint().orElse(manifest.defaultOperatingPoint());
    if (op >= points.size()) {
      throw new IllegalArgumentException(
          "operating point "
              + op
              + " does not exist; model "
              + bundle.id().shortHex()
              + " has 0.."
              + (points.size() - 1));
    }
    return op;
  }

  /** Residuals of a batch against the model's reconstruction, or null if nothing is bounded. */
  private ResidualCode[] residualCodes(
      float[] rawRows, int batch, int op, int[][] symbols, float[] requested) {
    float[] bounds = new float[inputSize];
    boolean anyBounded = false;
    for (int i = 0; i < inputSize; i++) {
      bounds[i] = ResidualCode.roundDownBound(requested[i]);
      anyBounded |= bounds[i] != Float.POSITIVE_INFINITY;
    }
    if (!anyBounded) {
      return null;
    }
    float[] latent = new float[batch * latentSize];
    for (int r = 0; r < batch; r++) {
      dequantize(op, symbols[r], latent, r * latentSize);
    }
    float[] xhat = reconstruct(latent, batch);
    ResidualCode[] codes = new ResidualCode[batch];
    for (int r = 0; r < batch; r++) {
      codes[r] = new ResidualCode(bounds);
      residuals.quantize(rawRows, r * inputSize, xhat, r * inputSize, codes[r]);
    }
    return codes;
  }

  /** Encodes one raw feature row at the default operating point, without a bound. */
  public byte[] encode(float[] rawRow) {
    return encode(rawRow, 1)[0];
  }

  /** Encodes one raw feature row. */
  public byte[] encode(float[] rawRow, EncodeSettings settings) {
    return encode(rawRow, 1, settings)[0];
  }

  /** Quantized latent symbols of a batch at the default operating point. */
  public int[][] quantizedLatents(float[] rawRows, int batch) {
    return quantizedLatents(rawRows, batch, manifest.defaultOperatingPoint());
  }

  /**
   * Quantized latent symbols of a batch of raw rows at an operating point (what payloads carry).
   */
  public int[][] quantizedLatents(float[] rawRows, int batch, int operatingPoint) {
    if (rawRows.length != batch * inputSize) {
      throw new IllegalArgumentException(
          "expected " + batch + " x " + inputSize + " raw values, got " + rawRows.length);
    }
    if (operatingPoint < 0 || operatingPoint >= quantizers.length) {
      throw new IllegalArgumentException(
          "operating point "
              + operatingPoint
              + " does not exist; this model has 0.."
              + (quantizers.length - 1));
    }
    UniformQuantizer quantizer = quantizers[operatingPoint];
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
   * Decodes a batch of payloads into raw feature rows. Each payload says its own operating point
   * and carries its own residual, so a batch may mix them.
   *
   * @return row-major, {@code payloads.length * inputSize()} raw values; features coded under a
   *     bound are within it of the input (integer features then come out rounded)
   * @throws io.latentwire.codec.errors.CorruptPayloadException on a corrupt payload
   */
  public float[] decode(byte[][] payloads) {
    int batch = payloads.length;
    DecodedPayload[] decoded = new DecodedPayload[batch];
    float[] latent = new float[batch * latentSize];
    for (int r = 0; r < batch; r++) {
      decoded[r] = format.read(payloads[r]);
      dequantize(decoded[r].operatingPoint(), decoded[r].latentSymbols(), latent, r * latentSize);
    }
    float[] rows = reconstruct(latent, batch);
    for (int r = 0; r < batch; r++) {
      ResidualCode residual = decoded[r].residual();
      if (residual != null) {
        residuals.reconstruct(residual, rows, r * inputSize);
      }
    }
    return rows;
  }

  /** Decodes one payload into a raw feature row. */
  public float[] decode(byte[] payload) {
    return decode(new byte[][] {payload});
  }

  /**
   * Fits the statistics the max-abs-error residual coder starts from, on training rows and this
   * model's reconstructions of them at its default operating point.
   *
   * @param rawRows row-major, {@code rows * inputSize()} raw training values; only the first {@link
   *     #FIT_ROWS} rows are used
   */
  public ResidualStatistics fitResidualStatistics(float[] rawRows, int rows) {
    if (rows < 1 || rawRows.length != rows * inputSize) {
      throw new IllegalArgumentException(
          "expected rows >= 1 and "
              + rows
              + " x "
              + inputSize
              + " raw values, got "
              + rawRows.length);
    }
    if (rows > FIT_ROWS) {
      rows = FIT_ROWS;
      rawRows = Arrays.copyOf(rawRows, rows * inputSize);
    }
    int op = manifest.defaultOperatingPoint();
    float[] xhat = new float[rawRows.length];
    for (int start = 0; start < rows; start += FIT_BATCH) {
      int batch = Math.min(FIT_BATCH, rows - start);
      float[] chunk = new float[batch * inputSize];
      System.arraycopy(rawRows, start * inputSize, chunk, 0, chunk.length);
      int[][] symbols = quantizedLatents(chunk, batch, op);
      float[] latent = new float[batch * latentSize];
      for (int r = 0; r < batch; r++) {
        dequantize(op, symbols[r], latent, r * latentSize);
      }
      System.arraycopy(reconstruct(latent, batch), 0, xhat, start * inputSize, chunk.length);
    }
    return ResidualStatisticsFitter.fit(residuals, normalization, rawRows, xhat, rows);
  }

  /**
   * A copy of {@code bundle} carrying residual statistics fitted on {@code rawRows} (see {@link
   * #fitResidualStatistics}); its model id differs. The trainer calls this once, after the ladder
   * is calibrated.
   *
   * @param rawRows row-major raw training (or validation) values, {@code rows} rows
   */
  public static ModelBundle withResidualStatistics(
      ModelBundle bundle, float[] rawRows, int rows, InferenceOptions options) {
    ResidualStatistics statistics;
    try (LatentCodec codec = open(bundle, options)) {
      statistics = codec.fitResidualStatistics(rawRows, rows);
    }
    return ModelBundle.create(
        bundle.manifest().withResidualStatistics(statistics),
        bundle.encoderOnnx(),
        bundle.decoderOnnx());
  }

  /** Rows residual statistics are fitted on at most: more barely changes the priors. */
  public static final int FIT_ROWS = 4000;

  private static final int FIT_BATCH = 256;

  private void dequantize(int op, int[] symbols, float[] latent, int offset) {
    UniformQuantizer q = quantizers[op];
    for (int d = 0; d < latentSize; d++) {
      latent[offset + d] = q.dequantize(symbols[d]);
    }
  }

  /** Runs the decoder network and denormalizes: the model's reconstruction, raw units. */
  private float[] reconstruct(float[] latent, int batch) {
    float[] norm = decoder.run(latent, batch);
    float[] row = new float[inputSize];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(norm, r * inputSize, row, 0, inputSize);
      normalization.denormalize(row, row);
      System.arraycopy(row, 0, norm, r * inputSize, inputSize);
    }
    return norm;
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
