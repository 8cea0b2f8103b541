package io.latentwire.trainer.pipeline;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.metrics.FidelityMeter;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.quant.OperatingPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the quantization step by measuring, on validation rows, exactly what production runs (ONNX
 * Runtime, quantization, payload format): the coarsest step of a ladder whose PSNR stays within a
 * tolerance of the unquantized model's.
 */
final class QuantizerCalibration {
  /** Candidate steps, fine to coarse, in latent units (the prior is N(0, 1)). */
  static final float[] LADDER = {
    0.01f, 0.02f, 0.035f, 0.05f, 0.075f, 0.1f, 0.15f, 0.2f, 0.3f, 0.5f
  };

  /** A step so fine its quantization error is negligible: stands in for "unquantized". */
  static final float REFERENCE_STEP = 1e-4f;

  /** What one step measured. */
  record Point(float step, double psnrDb, double maxAbsError, double meanPayloadBytes) {}

  /** The chosen step, and every point measured on the way. */
  record Result(Point reference, Point chosen, List<Point> ladder) {}

  private QuantizerCalibration() {}

  static Result calibrate(
      Manifest draft,
      byte[] encoder,
      byte[] decoder,
      float[] validationRaw,
      int rows,
      double maxLossDb) {
    Point reference = measure(draft, encoder, decoder, REFERENCE_STEP, validationRaw, rows);
    List<Point> points = new ArrayList<>();
    Point chosen = null;
    for (float step : LADDER) {
      Point p = measure(draft, encoder, decoder, step, validationRaw, rows);
      points.add(p);
      if (p.psnrDb() >= reference.psnrDb() - maxLossDb) {
        chosen = p;
      }
    }
    return new Result(reference, chosen == null ? points.get(0) : chosen, points);
  }

  static Point measure(
      Manifest draft, byte[] encoder, byte[] decoder, float step, float[] raw, int rows) {
    Manifest m =
        new Manifest(
            draft.formatVersion(),
            draft.architecture(),
            draft.inputSize(),
            draft.latentSize(),
            draft.mapping(),
            draft.schemaFingerprint(),
            draft.normalization(),
            List.of(OperatingPoint.gaussianPrior("q", step, draft.latentSize())),
            0,
            draft.files(),
            draft.metrics(),
            draft.provenance());
    ModelBundle bundle = ModelBundle.create(m, encoder, decoder);
    FidelityMeter meter = new FidelityMeter(m.normalization());
    long payloadBytes = 0;
    int width = m.inputSize();
    int chunk = 512;
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      for (int start = 0; start < rows; start += chunk) {
        int n = Math.min(chunk, rows - start);
        float[] part = java.util.Arrays.copyOfRange(raw, start * width, (start + n) * width);
        byte[][] payloads = codec.encode(part, n);
        for (byte[] p : payloads) {
          payloadBytes += p.length;
        }
        meter.add(part, codec.decode(payloads), n);
      }
    }
    return new Point(
        step, meter.psnrDb(), meter.maxAbsError(), rows == 0 ? 0 : (double) payloadBytes / rows);
  }
}
