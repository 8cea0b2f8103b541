package io.latentwire.ops.eos;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.normalize.NormalizationFitter;
import io.latentwire.codec.testing.TinyOnnx;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.schemas.examples.TelemetryRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A telemetry model built in code in milliseconds, no training: the 12 float channels, normalized
 * on generated readings, and a linear encoder keeping the first {@code latent} normalized channels.
 * Its fidelity is beside the point; it makes the same ONNX Runtime calls a trained model does.
 */
public final class TelemetryBundles {
  static final List<String> CHANNELS =
      List.of(
          "inletTemperature",
          "outletTemperature",
          "ambientTemperature",
          "humidity",
          "pressure",
          "flowRate",
          "vibration",
          "motorCurrent",
          "supplyVoltage",
          "power",
          "rpm",
          "oilTemperature");

  private TelemetryBundles() {}

  public static ModelBundle linear(int latent, long seed) {
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(seed));
    TelemetryRecord first = gen.next().record();
    FieldMapping mapping = FieldMapping.of(first.getSchema(), first, CHANNELS);
    NormalizationFitter fitter = new NormalizationFitter(mapping.featureKinds());
    fitter.add(mapping.extract(first));
    for (int i = 0; i < 2000; i++) {
      fitter.add(mapping.extract(gen.next().record()));
    }
    Normalization norm = fitter.fit();
    int n = CHANNELS.size();
    float[][] enc = new float[n][latent];
    float[][] dec = new float[latent][n];
    for (int i = 0; i < latent; i++) {
      enc[i][i] = 1f;
      dec[i][i] = 1f;
    }
    Manifest m =
        new Manifest(
            Manifest.FORMAT_VERSION,
            "linear-test",
            n,
            latent,
            mapping,
            "0",
            norm,
            java.util.List.of(
                io.latentwire.codec.quant.OperatingPoint.gaussianPrior("q0", 0.05f, latent)),
            0,
            new TreeMap<>(),
            new TreeMap<>(Map.of("val.psnr.db", 20.0)),
            new TreeMap<>(Map.of("trainer.version", "test")));
    return ModelBundle.create(
        m,
        TinyOnnx.linear("x", "mu", enc, new float[latent]),
        TinyOnnx.linear("z", "x_hat", dec, new float[n]));
  }
}
