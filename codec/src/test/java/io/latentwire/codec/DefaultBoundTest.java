package io.latentwire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.model.Manifest;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.testing.TestBundles;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle's default max-abs-error bound ({@link Manifest#defaultMaxAbsError()}): stored in the
 * manifest, applied by the codec when settings give no bound, overridden by explicit settings.
 */
class DefaultBoundTest {
  /** Identity on a and b; c is not in the latent, so its reconstruction is 0. */
  private final ModelBundle plain = TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.5f);

  private ModelBundle withDefault(String spec) {
    return ModelBundle.create(
        plain.manifest().withDefaultMaxAbsError(spec), plain.encoderOnnx(), plain.decoderOnnx());
  }

  @Test
  void shouldRoundTripTheDefaultBoundThroughAFileAndCoverItByTheId(@TempDir Path dir) {
    ModelBundle bounded = withDefault("a=0.01,*=0.1");
    Path file = dir.resolve("m.lwm");
    bounded.write(file);
    ModelBundle read = ModelBundle.read(file);
    assertThat(read.manifest().defaultMaxAbsError()).isEqualTo("a=0.01,*=0.1");
    assertThat(read.id()).isEqualTo(bounded.id());
    assertThat(bounded.id()).isNotEqualTo(plain.id());
    assertThat(read.manifest().defaultMaxAbsErrorBounds()).containsExactly(0.01f, 0.1f, 0.1f);
  }

  @Test
  void shouldReadAManifestWithoutADefaultBoundUnchanged() {
    String json = plain.manifestJson();
    assertThat(json).doesNotContain("defaultMaxAbsError");
    ModelBundle read = ModelBundle.fromBytes(plain.toBytes());
    assertThat(read.manifest().defaultMaxAbsError()).isNull();
    assertThat(read.id()).isEqualTo(plain.id());
    assertThat(withDefault("none").id()).isEqualTo(plain.id());
  }

  @Test
  void shouldRefuseADefaultBoundNamingAFieldTheModelDoesNotMap() {
    assertThatThrownBy(() -> withDefault("nosuch=0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nosuch")
        .hasMessageContaining("[a, b, c]");
    assertThatThrownBy(() -> withDefault("abc"))
        .hasMessageContaining("defaultMaxAbsError 'abc'")
        .hasMessageContaining("not a number");
  }

  @Test
  void shouldApplyTheBundleDefaultWhenNoBoundIsGivenAndLetExplicitSettingsOverrideIt() {
    float[] rows = rows(200);
    try (LatentCodec codec = LatentCodec.open(withDefault("0.05"), InferenceOptions.cpu())) {
      assertThat(maxError(rows, codec.decode(codec.encode(rows, 200)))).isLessThanOrEqualTo(0.05);
      assertThat(maxError(rows, codec.decode(codec.encode(rows, 200, EncodeSettings.defaults()))))
          .isLessThanOrEqualTo(0.05);
      // Explicitly none: c (not in the latent) comes back as 0, far off.
      assertThat(
              maxError(
                  rows,
                  codec.decode(
                      codec.encode(rows, 200, EncodeSettings.defaults().withoutMaxAbsError()))))
          .isGreaterThan(1);
      float[] none = EncodeSettings.parseMaxAbsError("k", "none", codec.manifest().mapping());
      assertThat(none).isNull();
      // Explicitly looser: within 1, but not the default 0.05.
      double looser =
          maxError(
              rows,
              codec.decode(codec.encode(rows, 200, EncodeSettings.defaults().withMaxAbsError(1f))));
      assertThat(looser).isLessThanOrEqualTo(1).isGreaterThan(0.05);
      assertThat(codec.maxAbsErrorOf(EncodeSettings.defaults())).containsOnly(0.05f);
    }
  }

  @Test
  void shouldEncodeWithoutABoundWhenTheBundleHasNoDefault() {
    float[] rows = rows(50);
    try (LatentCodec codec = LatentCodec.open(plain, InferenceOptions.cpu())) {
      assertThat(codec.maxAbsErrorOf(EncodeSettings.defaults())).isNull();
      assertThat(maxError(rows, codec.decode(codec.encode(rows, 50)))).isGreaterThan(1);
    }
  }

  @Test
  void shouldTellTheThreeBoundStatesApart() {
    EncodeSettings d = EncodeSettings.defaults();
    assertThat(d.usesBundleDefaultBound()).isTrue();
    assertThat(d.withoutMaxAbsError().usesBundleDefaultBound()).isFalse();
    assertThat(d.withoutMaxAbsError()).isNotEqualTo(d);
    assertThat(d.withMaxAbsError(0.1f).usesBundleDefaultBound()).isFalse();
    assertThat(d.withMaxAbsError(0.1f).withBundleDefaultMaxAbsError()).isEqualTo(d);
    assertThat(d.withMaxAbsError((float[]) null)).isEqualTo(d.withoutMaxAbsError());
    EncodeSettings.checkMaxAbsErrorSyntax("k", " NONE ");
    assertThat(EncodeSettings.isNoBound("None")).isTrue();
  }

  /** Rows with c spread over [-4, 4], so dropping it costs more than 1. */
  private static float[] rows(int n) {
    SplittableRandom rnd = new SplittableRandom(3);
    float[] out = new float[n * 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) rnd.nextDouble(-4, 4);
    }
    return out;
  }

  private static double maxError(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
