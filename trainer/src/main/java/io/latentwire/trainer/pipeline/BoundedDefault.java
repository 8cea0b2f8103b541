package io.latentwire.trainer.pipeline;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code train --max-abs-error}: makes a bound spec the bundle's default bound and picks the
 * default operating point for it. Under a bound, a coarse point spends fewer bytes on latents but
 * more on residuals, so the point with the fewest bytes in total is found by measuring: every
 * ladder point encodes the validation rows with the codec under the bound, and the point with the
 * fewest mean payload bytes (latents and residual) wins. Residual priors are fitted for each
 * candidate point before it is measured, as the shipped bundle's are for its default point. With a
 * PSNR target, only points whose unbounded validation PSNR reaches it compete (the bound can only
 * improve on that PSNR).
 */
final class BoundedDefault {
  /**
   * Metric (bundle and per point) of the mean payload bytes under the default bound; per point, as
   * a bundle defaulting to that point would code (residual priors fitted for that point). Points a
   * PSNR target rules out are not measured.
   */
  static final String BOUNDED_BYTES = "val.bounded.payload.bytes.mean";

  /** Metric of the largest absolute error under the default bound, raw units. */
  static final String BOUNDED_MAX_ABS_ERROR = "val.bounded.max_abs_error";

  /** Metric of the PSNR under the default bound. */
  static final String BOUNDED_PSNR = "val.bounded.psnr.db";

  private static final int CHUNK = 512;

  /** What one point measured under the bound. */
  record Measured(double meanPayloadBytes, double maxAbsError, double psnrDb) {}

  /**
   * The bundle with {@code spec} as its default bound, the default point chosen for it, residual
   * statistics fitted at that point, and the measured figures in its metrics.
   *
   * @param bundle the trained bundle with fitted residual statistics
   * @param cal the ladder as calibrated (unbounded figures, in the bundle's point order)
   * @param spec the bound spec, already checked against the bundle's mapping
   * @param targetPsnrDb the target PSNR, or NaN for none
   * @param fitRows training rows residual statistics are fitted on (as the trainer fitted them)
   * @return the new bundle (residual statistics fitted for its default point) and the calibration
   *     with its chosen point and default index updated
   */
  static Outcome choose(
      ModelBundle bundle,
      QuantizerCalibration.Result cal,
      String spec,
      double targetPsnrDb,
      float[] validationRaw,
      int validationRows,
      float[] fitRows,
      int fitRowCount) {
    Manifest manifest = bundle.manifest();
    float[] bounds =
        EncodeSettings.parseMaxAbsError(
            TrainingOptions.MAX_ABS_ERROR_OPTION, spec, manifest.mapping());
    // Each candidate as it would ship: default point i, residual priors fitted against point i's
    // reconstructions (they follow the default point; fitted for another point they cost up to
    // about a fifth more residual bytes), measured at point i.
    List<ModelBundle> candidates = new ArrayList<>();
    List<Measured> measured = new ArrayList<>();
    for (int i = 0; i < manifest.operatingPoints().size(); i++) {
      boolean reaches = Double.isNaN(targetPsnrDb) || cal.ladder().get(i).psnrDb() >= targetPsnrDb;
      if (!reaches) {
        candidates.add(null);
        measured.add(null);
        continue;
      }
      ModelBundle candidate =
          LatentCodec.withResidualStatistics(
              ModelBundle.create(
                  manifest.withOperatingPoints(manifest.operatingPoints(), i),
                  bundle.encoderOnnx(),
                  bundle.decoderOnnx()),
              fitRows,
              fitRowCount,
              InferenceOptions.cpu());
      try (LatentCodec codec = LatentCodec.open(candidate, InferenceOptions.cpu())) {
        measured.add(measure(codec, i, bounds, validationRaw, validationRows));
      }
      candidates.add(candidate);
    }
    int chosen = -1;
    for (int i = 0; i < measured.size(); i++) {
      if (measured.get(i) != null
          && (chosen < 0
              || measured.get(i).meanPayloadBytes() < measured.get(chosen).meanPayloadBytes())) {
        chosen = i;
      }
    }
    if (chosen < 0) {
      // QuantizerCalibration already refuses a target no point reaches; kept for safety.
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "--target-psnr %.2f dB: no operating point reaches it", targetPsnrDb));
    }
    ModelBundle winner = candidates.get(chosen);
    List<OperatingPoint> points = new ArrayList<>();
    for (int i = 0; i < manifest.operatingPoints().size(); i++) {
      OperatingPoint p = manifest.operatingPoints().get(i);
      Map<String, Double> m = new TreeMap<>(p.metrics());
      if (measured.get(i) != null) {
        m.put(BOUNDED_BYTES, measured.get(i).meanPayloadBytes());
      }
      points.add(new OperatingPoint(p.name(), p.step(), p.tables(), new TreeMap<>(m)));
    }
    Manifest next =
        winner.manifest().withOperatingPoints(points, chosen).withDefaultMaxAbsError(spec);
    Measured figures = measured.get(chosen);
    QuantizerCalibration.Point unbounded = cal.ladder().get(chosen);
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("val.psnr.db", unbounded.psnrDb());
    metrics.put("val.max_abs_error", unbounded.maxAbsError());
    metrics.put("val.payload.bytes.mean", unbounded.meanPayloadBytes());
    metrics.put(BOUNDED_BYTES, figures.meanPayloadBytes());
    metrics.put(BOUNDED_MAX_ABS_ERROR, figures.maxAbsError());
    metrics.put(BOUNDED_PSNR, figures.psnrDb());
    ModelBundle out =
        ModelBundle.create(next.withMetrics(metrics), bundle.encoderOnnx(), bundle.decoderOnnx());
    QuantizerCalibration.Result updated =
        new QuantizerCalibration.Result(
            cal.reference(), unbounded, cal.ladder(), out.manifest().operatingPoints(), chosen);
    return new Outcome(out, updated);
  }

  /** The bundle with its default bound, and the calibration with its chosen point. */
  record Outcome(ModelBundle bundle, QuantizerCalibration.Result calibration) {}

  private static Measured measure(
      LatentCodec codec, int op, float[] bounds, float[] raw, int rows) {
    FidelityMeter meter = new FidelityMeter(codec.manifest().normalization());
    EncodeSettings settings =
        EncodeSettings.defaults().withOperatingPoint(op).withMaxAbsError(bounds);
    long bytes = 0;
    int width = codec.inputSize();
    for (int start = 0; start < rows; start += CHUNK) {
      int n = Math.min(CHUNK, rows - start);
      float[] part = Arrays.copyOfRange(raw, start * width, (start + n) * width);
      byte[][] payloads = codec.encode(part, n, settings);
      for (byte[] p : payloads) {
        bytes += p.length;
      }
      meter.add(part, codec.decode(payloads), n);
    }
    return new Measured(rows == 0 ? 0 : (double) bytes / rows, meter.maxAbsError(), meter.psnrDb());
  }

  private BoundedDefault() {}
}
