package io.latentwire.codec.testing;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.quant.UniformQuantizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bundles with a linear "autoencoder" whose encoder is the identity on the first {@code latent}
 * features: decode(encode(x)) reproduces those features up to quantization and zeroes the rest.
 */
public final class TestBundles {
  private TestBundles() {}

  public static ModelBundle identityOnScalars(List<String> fields, int latent, float step) {
    int n = fields.size();
    float[][] enc = new float[n][latent];
    float[][] dec = new float[latent][n];
    for (int i = 0; i < latent; i++) {
      enc[i][i] = 1f;
      dec[i][i] = 1f;
    }
    float[] offset = new float[n];
    float[] scale = new float[n];
    float[] range = new float[n];
    java.util.Arrays.fill(scale, 1f);
    java.util.Arrays.fill(range, 10f);
    FieldMapping mapping =
        new FieldMapping(fields.stream().map(f -> new MappedField(f, FieldType.FLOAT, 1)).toList());
    Manifest m =
        new Manifest(
            Manifest.FORMAT_VERSION,
            "linear-test",
            n,
            latent,
            mapping,
            "0",
            new Normalization(offset, scale, range),
            new UniformQuantizer(step),
            new TreeMap<>(),
            new TreeMap<>(Map.of("val.psnr.db", 30.0)),
            new TreeMap<>(Map.of("trainer.version", "test")));
    return ModelBundle.create(
        m,
        TinyOnnx.linear("x", "mu", enc, new float[latent]),
        TinyOnnx.linear("z", "x_hat", dec, new float[n]));
  }
}
