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
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the bundle's quality ladder and measures it the way production runs it (ONNX Runtime,
 * quantization, the codec's own entropy coder and payload format): for each step, entropy tables
 * fitted on the quantized latents of training rows, then PSNR, max error and the exact mean payload
 * bytes on validation rows. The default operating point is the given default step (for a
 * rate–distortion model, the trained step 1), or, with a target, the coarsest step that reaches the
 * target.
 *
 * <p>Why this rather than {@link io.latentwire.trainer.rd.LadderPoint}s: those estimate bytes from
 * ideal code lengths in DJL; this measures the bytes the codec actually writes, through the ONNX
 * graphs that ship in the bundle.
 */
final class QuantizerCalibration {
  /**
   * A step so fine its quantization error is negligible next to the trained step 1: stands in for
   * "unquantized".
   */
  static final float REFERENCE_STEP = 0.01f;

  /** Training rows whose latents fit the entropy tables. */
  static final int TABLE_ROWS = 20_000;

  /** What one step measured. */
  record Point(float step, double psnrDb, double maxAbsError, double meanPayloadBytes) {}

  /**
   * The ladder, fitted and measured.
   *
   * @param reference the unquantized model's figures
   * @param chosen the default operating point's figures
   * @param ladder every point, fine to coarse (same order as {@link #points})
   * @param points the operating points, with their tables and metrics
   * @param defaultIndex index of the default point
   */
  record Result(
      Point reference,
      Point chosen,
      List<Point> ladder,
      List<OperatingPoint> points,
      int defaultIndex) {}

  private QuantizerCalibration() {}

  /**
   * @param steps the ladder's quantization steps, finest first
   * @param defaultStep the step of the default point when no target is given (one of {@code steps};
   *     the first point when none matches)
   * @param targetPsnrDb the fidelity asked for, or NaN to take {@code defaultStep}
   * @throws IllegalArgumentException when no point reaches {@code targetPsnrDb}; names the best
   */
  static Result calibrate(
      Manifest draft,
      byte[] encoder,
      byte[] decoder,
      float[] trainRaw,
      int trainRows,
      float[] validationRaw,
      int rows,
      float[] steps,
      float defaultStep,
      double targetPsnrDb) {
    int width = draft.inputSize();
    int latent = draft.latentSize();
    List<OperatingPoint> prior = new ArrayList<>();
    prior.add(OperatingPoint.gaussianPrior("reference", REFERENCE_STEP, latent));
    for (int i = 0; i < steps.length; i++) {
      prior.add(OperatingPoint.gaussianPrior("q" + i, steps[i], latent));
    }
    int sample = Math.min(trainRows, TABLE_ROWS);
    float[] tableRows = Arrays.copyOf(trainRaw, sample * width);
    List<OperatingPoint> fitted = new ArrayList<>();
    try (LatentCodec codec =
        LatentCodec.open(
            ModelBundle.create(draft.withOperatingPoints(prior, 0), encoder, decoder),
            InferenceOptions.cpu())) {
      for (int i = 0; i < prior.size(); i++) {
        int[][] symbols = codec.quantizedLatents(tableRows, sample, i);
        fitted.add(OperatingPoint.fit(prior.get(i).name(), prior.get(i).step(), symbols, latent));
      }
    }
    List<Point> measured = new ArrayList<>();
    try (LatentCodec codec =
        LatentCodec.open(
            ModelBundle.create(draft.withOperatingPoints(fitted, 0), encoder, decoder),
            InferenceOptions.cpu())) {
      for (int i = 0; i < fitted.size(); i++) {
        measured.add(measure(codec, i, fitted.get(i).step(), validationRaw, rows));
      }
    }
    Point reference = measured.get(0);
    List<Point> ladder = measured.subList(1, measured.size());
    int chosen = -1;
    for (int i = 0; i < ladder.size(); i++) {
      boolean ok =
          Double.isNaN(targetPsnrDb)
              ? ladder.get(i).step() == defaultStep
              : ladder.get(i).psnrDb() >= targetPsnrDb;
      if (ok && (chosen < 0 || !Double.isNaN(targetPsnrDb))) {
        chosen = i;
      }
    }
    if (chosen < 0 && !Double.isNaN(targetPsnrDb)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "--target-psnr %.2f dB is out of this model's reach: its best operating point gives"
                  + " %.2f dB on validation (unquantized %.2f dB); train with a smaller --lambda"
                  + " (more bytes, higher fidelity), longer, or ask for less",
              targetPsnrDb,
              ladder.stream().mapToDouble(Point::psnrDb).max().orElse(Double.NaN),
              reference.psnrDb()));
    }
    chosen = Math.max(chosen, 0);
    List<OperatingPoint> points = new ArrayList<>();
    for (int i = 0; i < ladder.size(); i++) {
      OperatingPoint p = fitted.get(i + 1);
      Point m = ladder.get(i);
      Map<String, Double> metrics = new TreeMap<>();
      metrics.put("val.psnr.db", m.psnrDb());
      metrics.put("val.max_abs_error", m.maxAbsError());
      metrics.put("val.payload.bytes.mean", m.meanPayloadBytes());
      points.add(new OperatingPoint(p.name(), p.step(), p.tables(), new TreeMap<>(metrics)));
    }
    return new Result(reference, ladder.get(chosen), ladder, points, chosen);
  }

  private static Point measure(LatentCodec codec, int op, float step, float[] raw, int rows) {
    FidelityMeter meter = new FidelityMeter(codec.manifest().normalization());
    // The ladder's own figures: latents only, whatever default bound a bundle carries.
    EncodeSettings settings = EncodeSettings.defaults().withOperatingPoint(op).withoutMaxAbsError();
    long payloadBytes = 0;
    int width = codec.inputSize();
    int chunk = 512;
    for (int start = 0; start < rows; start += chunk) {
      int n = Math.min(chunk, rows - start);
      float[] part = Arrays.copyOfRange(raw, start * width, (start + n) * width);
      byte[][] payloads = codec.encode(part, n, settings);
      for (byte[] p : payloads) {
        payloadBytes += p.length;
      }
      meter.add(part, codec.decode(payloads), n);
    }
    return new Point(
        step, meter.psnrDb(), meter.maxAbsError(), rows == 0 ? 0 : (double) payloadBytes / rows);
  }
}
