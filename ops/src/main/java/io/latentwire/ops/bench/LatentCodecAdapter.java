package io.latentwire.ops.bench;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import java.util.List;
import java.util.Locale;

/**
 * Today's {@link LatentCodec} as a benchmark subject: one operating point (the bundle's single
 * quantizer step), ONNX Runtime on one CPU thread. Rows are multiplied by the data set's {@link
 * BenchDataSet#modelUnitScale()} on the way in (e.g. [0,1] pixels → the model's 0..255 bytes) and
 * divided on the way out.
 *
 * <p>Owns the codec's two ONNX Runtime sessions: close it. Not thread-safe (scratch buffers).
 */
public final class LatentCodecAdapter implements LearnedModelUnderTest, LearnedCodecUnderTest {
  private final LatentCodec codec;
  private final float unitScale;
  private final int width;

  private LatentCodecAdapter(LatentCodec codec, float unitScale) {
    this.codec = codec;
    this.unitScale = unitScale;
    this.width = codec.inputSize();
  }

  /**
   * Opens {@code bundle} for {@code data}.
   *
   * @throws BenchException if the bundle maps other fields than the data set feeds
   */
  public static LatentCodecAdapter open(ModelBundle bundle, BenchDataSet data) {
    data.requireCompatible(bundle);
    return new LatentCodecAdapter(
        LatentCodec.open(bundle, InferenceOptions.cpu()), data.modelUnitScale());
  }

  @Override
  public String description() {
    Manifest m = codec.manifest();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "model %s: %s %d-%s-%d, quantizer step %s",
                codec.modelId().shortHex(),
                m.architecture(),
                m.inputSize(),
                m.provenance()
                    .getOrDefault("hyper.hidden", "?")
                    .replaceAll("[\\[\\] ]", "")
                    .replace(',', '-'),
                m.latentSize(),
                Float.toString(m.quantizer().step())));
    Double epochs = m.metrics().get("train.epochs");
    Double seconds = m.metrics().get("train.seconds");
    if (epochs != null && seconds != null) {
      sb.append(
          String.format(Locale.ROOT, ", trained %.0f epochs (%.0f s in all)", epochs, seconds));
    }
    Double valPsnr = m.metrics().get("val.psnr.db");
    if (valPsnr != null) {
      sb.append(String.format(Locale.ROOT, ", validation PSNR %.2f dB", valPsnr));
    }
    return sb.toString();
  }

  @Override
  public List<LearnedCodecUnderTest> operatingPoints() {
    return List.of(this);
  }

  @Override
  public String name() {
    Manifest m = codec.manifest();
    return "learned " + m.architecture() + " " + m.inputSize() + "→" + m.latentSize();
  }

  @Override
  public String params() {
    return "model "
        + codec.modelId().shortHex()
        + ", step "
        + Float.toString(codec.manifest().quantizer().step());
  }

  @Override
  public byte[][] encode(float[] rows, int batch) {
    float[] raw = new float[batch * width];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = rows[i] * unitScale;
    }
    return codec.encode(raw, batch);
  }

  @Override
  public float[] decode(byte[][] payloads) {
    float[] raw = codec.decode(payloads);
    for (int i = 0; i < raw.length; i++) {
      raw[i] /= unitScale;
    }
    return raw;
  }

  @Override
  public void close() {
    codec.close();
  }
}
