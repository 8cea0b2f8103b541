package io.latentwire.ops.bench;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link LatentCodec} as a benchmark subject: one row per operating point of the bundle's quality
 * ladder, plus, for each requested error bound, one row per operating point with the bound's
 * residual coding on. ONNX Runtime runs on one CPU thread. Rows are multiplied by the data set's
 * {@link BenchDataSet#modelUnitScale()} on the way in (e.g. [0,1] pixels → the model's 0..255
 * bytes) and divided on the way out; bounds are given in the data set's units too.
 *
 * <p>Owns the codec's two ONNX Runtime sessions: close it. Not thread-safe.
 */
public final class LatentCodecAdapter implements LearnedModelUnderTest {
  private final LatentCodec codec;
  private final float unitScale;
  private final List<Float> bounds;

  private LatentCodecAdapter(LatentCodec codec, float unitScale, List<Float> bounds) {
    this.codec = codec;
    this.unitScale = unitScale;
    this.bounds = List.copyOf(bounds);
  }

  /**
   * Opens {@code bundle} for {@code data}, measuring its operating points without a bound.
   *
   * @throws BenchException if the bundle maps other fields than the data set feeds
   */
  public static LatentCodecAdapter open(ModelBundle bundle, BenchDataSet data) {
    return open(bundle, data, List.of());
  }

  /** As {@link #open(ModelBundle, BenchDataSet)}, with extra rows for each max-abs-error bound. */
  public static LatentCodecAdapter open(ModelBundle bundle, BenchDataSet data, List<Float> bounds) {
    data.requireCompatible(bundle);
    return new LatentCodecAdapter(
        LatentCodec.open(bundle, InferenceOptions.cpu()), data.modelUnitScale(), bounds);
  }

  @Override
  public String description() {
    Manifest m = codec.manifest();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "model %s: %s %d-%s-%d, %d operating points",
                codec.modelId().shortHex(),
                m.architecture(),
                m.inputSize(),
                m.provenance()
                    .getOrDefault("hyper.hidden", "?")
                    .replaceAll("[\\[\\] ]", "")
                    .replace(',', '-'),
                m.latentSize(),
                m.operatingPoints().size()));
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
    List<LearnedCodecUnderTest> rows = new ArrayList<>();
    List<OperatingPoint> points = codec.manifest().operatingPoints();
    for (int i = 0; i < points.size(); i++) {
      rows.add(new Point(i, points.get(i), Float.NaN));
    }
    for (float bound : bounds) {
      for (int i = 0; i < points.size(); i++) {
        rows.add(new Point(i, points.get(i), bound));
      }
    }
    return rows;
  }

  @Override
  public void close() {
    codec.close();
  }

  /** One operating point, optionally with an error bound. */
  private final class Point implements LearnedCodecUnderTest {
    private final OperatingPoint point;
    private final float bound;
    private final EncodeSettings settings;

    Point(int index, OperatingPoint point, float bound) {
      this.point = point;
      this.bound = bound;
      EncodeSettings s = EncodeSettings.defaults().withOperatingPoint(index);
      // A row without a bound is the latents alone, whatever default bound the bundle carries:
      // its label says no bound.
      this.settings =
          Float.isNaN(bound) ? s.withoutMaxAbsError() : s.withMaxAbsError(bound * unitScale);
    }

    @Override
    public String name() {
      Manifest m = codec.manifest();
      return "learned " + m.architecture() + " " + m.inputSize() + "→" + m.latentSize();
    }

    @Override
    public String params() {
      String p =
          "model " + codec.modelId().shortHex() + ", " + point.name() + " step " + point.step();
      return Float.isNaN(bound) ? p : p + ", max abs error " + bound;
    }

    @Override
    public byte[][] encode(float[] rows, int batch) {
      float[] raw = new float[rows.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = rows[i] * unitScale;
      }
      return codec.encode(raw, batch, settings);
    }

    @Override
    public float[] decode(byte[][] payloads) {
      float[] raw = codec.decode(payloads);
      for (int i = 0; i < raw.length; i++) {
        raw[i] /= unitScale;
      }
      return raw;
    }
  }
}
