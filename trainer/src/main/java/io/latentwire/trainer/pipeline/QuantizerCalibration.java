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
 * quantization, entropy-coded payloads): for each step of {@link #LADDER}, entropy tables fitted on
 * the quantized latents of training rows, then PSNR, max error and payload bytes on validation
 * rows. The default operating point is the coarsest step whose PSNR stays within a tolerance of the
 * unquantized model's, or, with a target, the coarsest step that reaches the target.
 */
final class QuantizerCalibration {
  /** Candidate steps, fine to coarse, in latent units (the prior is N(0, 1)). */
  static final float[] LADDER = {0.02f, 0.05f, 0.1f, 0.2f, 0.35f, 0.5f, 0.75f, 1.0f};

  /** A step so fine its quantization error is negligible: stands in for "unquantized". */
  static final float REFERENCE_STEP = 1e-4f;

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
   * @param targetPsnrDb the fidelity asked for, or NaN to take the coarsest point within {@code
   *     maxLossDb} of the unquantized model
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
      double maxLossDb,
      double targetPsnrDb) {
    int width = draft.inputSize();
    int latent = draft.latentSize();
    List<OperatingPoint> prior = new ArrayList<>();
    prior.add(OperatingPoint.gaussianPrior("reference", REFERENCE_STEP, latent));
    for (int i = 0; i < LADDER.length; i++) {
      prior.add(OperatingPoint.gaussianPrior("q" + i, LADDER[i], latent));
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
      double psnr = ladder.get(i).psnrDb();
      boolean ok =
          Double.isNaN(targetPsnrDb)
              ? psnr >= reference.psnrDb() - maxLossDb
              : psnr >= targetPsnrDb;
      if (ok) {
        chosen = i;
      }
    }
    if (chosen < 0 && !Double.isNaN(targetPsnrDb)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "--target-psnr %.2f dB is out of this model's reach: its finest operating point gives"
                  + " %.2f dB on validation (unquantized %.2f dB); train longer, with a larger"
                  + " latent, or ask for less",
              targetPsnrDb,
              ladder.get(0).psnrDb(),
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
    EncodeSettings settings = EncodeSettings.defaults().withOperatingPoint(op);
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
