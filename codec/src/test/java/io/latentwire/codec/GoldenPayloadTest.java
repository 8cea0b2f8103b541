package io.latentwire.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.payload.DecodedPayload;
import io.latentwire.codec.payload.PayloadFormat;
import io.latentwire.codec.testing.TestBundles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden payloads: a fixed bundle built in code (with fixed residual statistics) and fixed inputs
 * must encode to the bytes stored in {@code src/test/resources/golden/payloads-v3.txt}, byte for
 * byte, on every machine. A change here is a payload format change: bump {@link
 * PayloadFormat#VERSION}, or prove it is not one. {@code payloads-v2.txt} holds what version 2
 * wrote (frozen): it must keep decoding.
 *
 * <p>To regenerate after a deliberate change: {@code mvn -pl codec test -Dtest=GoldenPayloadTest
 * -Dlatentwire.regenerateGolden=true}, then review the diff.
 */
class GoldenPayloadTest {
  private static final String RESOURCE = "golden/payloads-v3.txt";
  private static final String RESOURCE_V2 = "golden/payloads-v2.txt";
  private static final String REGENERATE = "latentwire.regenerateGolden";

  /** a, b: real; n: int; px: 4 bytes. The latent is the identity on a, b, n. */
  private final ModelBundle plainBundle =
      TestBundles.identity(
          List.of(
              new MappedField("a", FieldType.FLOAT, 1),
              new MappedField("b", FieldType.FLOAT, 1),
              new MappedField("n", FieldType.INT, 1),
              new MappedField("px", FieldType.BYTES, 4)),
          3,
          0.1f,
          0.5f);

  /** The same model with fixed residual statistics: 3 prior tables, no row width. */
  private final ModelBundle bundle = TestBundles.withSyntheticStatistics(plainBundle, 0, 3);

  private static final float[] TYPICAL = {1.234f, -0.77f, 5f, 0f, 17f, 128f, 255f};
  private static final float[] ZERO = new float[7];
  private static final float[] ODD = {
    Float.NaN, 1e30f, -42f, Float.NEGATIVE_INFINITY, 300f, -1f, 254.6f
  };
  private static final float[] ESCAPES = {1e5f, -3e4f, 777f, 1f, 2f, 3f, 4f};

  /** The golden cases: name, input row, settings. */
  private record Case(String name, float[] row, EncodeSettings settings) {}

  private static List<Case> cases() {
    EncodeSettings d = EncodeSettings.defaults();
    float inf = Float.POSITIVE_INFINITY;
    return List.of(
        new Case("typical-op0", TYPICAL, d),
        new Case("typical-op1", TYPICAL, d.withOperatingPoint(1)),
        new Case("zero-op0", ZERO, d),
        new Case("escapes-op0", ESCAPES, d),
        new Case("typical-op0-bound-0.05", TYPICAL, d.withMaxAbsError(0.05f)),
        new Case(
            "typical-op1-bound-per-feature",
            TYPICAL,
            d.withOperatingPoint(1).withMaxAbsError(new float[] {0.01f, inf, 0.5f, 2, 2, 0, 0})),
        new Case("odd-op0-bound-0.05", ODD, d.withMaxAbsError(0.05f)),
        new Case("escapes-op1-bound-3", ESCAPES, d.withOperatingPoint(1).withMaxAbsError(3f)));
  }

  @Test
  void shouldEncodeTheFixedInputsToTheGoldenBytes() throws IOException {
    Map<String, String> actual = new LinkedHashMap<>();
    actual.put("bundle", bundle.id().hex());
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      for (Case c : cases()) {
        actual.put(c.name(), HexFormat.of().formatHex(codec.encode(c.row(), c.settings())));
      }
    }
    if (Boolean.getBoolean(REGENERATE)) {
      write(actual);
    }
    Map<String, String> golden = read(RESOURCE);
    assertThat(golden.get("bundle"))
        .as("the test bundle changed (manifest, tables or ONNX bytes); payloads cannot compare")
        .isEqualTo(actual.get("bundle"));
    assertThat(actual)
        .as("payload bytes (regenerate with -D%s=true)", REGENERATE)
        .isEqualTo(golden);
  }

  @Test
  void shouldDecodeTheGoldenBytesWithinTheirBounds() throws IOException {
    assertDecodesWithinBounds(bundle, read(RESOURCE));
  }

  @Test
  void shouldStillDecodeTheVersionTwoGoldenBytesWithinTheirBounds() throws IOException {
    Map<String, String> v2 = read(RESOURCE_V2);
    assertThat(v2.get("bundle")).isEqualTo(plainBundle.id().hex());
    assertDecodesWithinBounds(plainBundle, v2);
    // Version 2 residuals ignore the statistics: the model that has them reads them the same.
    assertDecodesWithinBounds(bundle, v2);
  }

  private static void assertDecodesWithinBounds(ModelBundle bundle, Map<String, String> golden) {
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      for (Case c : cases()) {
        byte[] payload = HexFormat.of().parseHex(golden.get(c.name()));
        DecodedPayload d = codec.payloadFormat().read(payload);
        assertThat(d.operatingPoint()).isEqualTo(c.settings().operatingPoint().orElse(0));
        // What decodes re-encodes to the same bytes: the golden files are canonical.
        int version = PayloadFormat.header(payload).version();
        assertThat(
                codec
                    .payloadFormat()
                    .write(d.operatingPoint(), d.latentSymbols(), d.residual(), version))
            .isEqualTo(payload);
        float[] y = codec.decode(payload);
        float[] bounds = c.settings().maxAbsError(7);
        for (int i = 0; bounds != null && i < 7; i++) {
          float x = c.row()[i];
          if (bounds[i] == Float.POSITIVE_INFINITY) {
            continue;
          }
          if (Float.isFinite(x)) {
            assertThat((double) Math.abs(x - y[i])).as(c.name()).isLessThanOrEqualTo(bounds[i]);
          } else {
            assertThat(Float.floatToRawIntBits(y[i])).isEqualTo(Float.floatToRawIntBits(x));
          }
        }
      }
    }
  }

  private static Map<String, String> read(String resource) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = GoldenPayloadTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("resource %s", resource).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] kv = line.trim().split("\\s+");
        out.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return out;
  }

  private static void write(Map<String, String> entries) throws IOException {
    Path file =
        Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources").resolve(RESOURCE);
    List<String> lines = new ArrayList<>();
    lines.add("# Golden payloads, format version " + PayloadFormat.VERSION + ": see README.md.");
    lines.add("# Written by GoldenPayloadTest with -D" + REGENERATE + "=true. Do not edit.");
    entries.forEach((k, v) -> lines.add(k + " " + v));
    Files.write(file, lines, StandardCharsets.UTF_8);
    // The copy on the test classpath is stale until the next build: refresh it too.
    Path onClasspath = Path.of(System.getProperty("basedir", ".")).resolve("target/test-classes");
    if (Files.isDirectory(onClasspath)) {
      Files.createDirectories(onClasspath.resolve(RESOURCE).getParent());
      Files.write(onClasspath.resolve(RESOURCE), lines, StandardCharsets.UTF_8);
    }
  }
}
