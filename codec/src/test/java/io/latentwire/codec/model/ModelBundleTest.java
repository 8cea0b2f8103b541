package io.latentwire.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.BundleFormatException;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.quant.OperatingPoint;
import io.latentwire.codec.testing.TestBundles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
  private final ModelBundle bundle = TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.1f);

  @Test
  void shouldWriteTheSameBytesForTheSameModel() {
    ModelBundle again = TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.1f);
    assertThat(again.toBytes()).isEqualTo(bundle.toBytes());
    assertThat(again.id()).isEqualTo(bundle.id());
  }

  @Test
  void shouldChangeItsIdWhenAnythingChanges() {
    ModelBundle otherStep = TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.2f);
    assertThat(otherStep.id()).isNotEqualTo(bundle.id());
    ModelBundle moreMetrics =
        ModelBundle.create(
            bundle.manifest().withMetrics(Map.of("x", 1.0)),
            bundle.encoderOnnx(),
            bundle.decoderOnnx());
    assertThat(moreMetrics.id()).isNotEqualTo(bundle.id());
  }

  @Test
  void shouldRoundTripThroughAFile(@TempDir Path dir) {
    Path file = dir.resolve("m.lwm");
    bundle.write(file);
    ModelBundle read = ModelBundle.read(file);
    assertThat(read.id()).isEqualTo(bundle.id());
    assertThat(read.manifest()).isEqualTo(bundle.manifest());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldDetectATamperedNetwork() throws IOException {
    byte[] tampered =
        rewrite(
            bundle.toBytes(),
            ModelBundle.ENCODER,
            b -> {
              b[b.length - 1] ^= 1;
              return b;
            });
    assertThatThrownBy(() -> ModelBundle.fromBytes(tampered))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("encoder.onnx has SHA-256");
  }

  @Test
  void shouldRefuseInvalidResidualStatisticsNamingTheField() throws IOException {
    ModelBundle withStats = TestBundles.withSyntheticStatistics(bundle, 0, 2);
    byte[] bad =
        rewrite(
            withStats.toBytes(),
            ModelBundle.MANIFEST,
            b ->
                new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"layout\" : 1", "\"layout\" : 7")
                    .replace("\"layout\":1", "\"layout\":7")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ModelBundle.fromBytes(bad))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("residualStatistics.layout 7");
  }

  @Test
  void shouldRefuseAStoredDefaultBoundThatDoesNotFitTheMapping() throws IOException {
    ModelBundle bounded =
        ModelBundle.create(
            bundle.manifest().withDefaultMaxAbsError("b=0.25"),
            bundle.encoderOnnx(),
            bundle.decoderOnnx());
    byte[] bad =
        rewrite(
            bounded.toBytes(),
            ModelBundle.MANIFEST,
            b ->
                new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("b=0.25", "zz=0.25")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ModelBundle.fromBytes(bad))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("zz")
        .hasMessageContaining("[a, b, c]");
  }

  @Test
  void shouldNameAMissingEntry() throws IOException {
    byte[] without = rewrite(bundle.toBytes(), ModelBundle.DECODER, b -> null);
    assertThatThrownBy(() -> ModelBundle.fromBytes(without))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("decoder.onnx is missing");
  }

  @Test
  void shouldRejectBytesThatAreNotABundle() {
    assertThatThrownBy(() -> ModelBundle.fromBytes("hello".getBytes()))
        .isInstanceOf(BundleFormatException.class);
  }

  @Test
  void shouldNameAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> ModelBundle.read(dir.resolve("nope.lwm")))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("nope.lwm does not exist");
  }

  @Test
  void shouldRefuseAnUnknownBundleFormatVersion() throws IOException {
    byte[] v9 =
        rewrite(
            bundle.toBytes(),
            ModelBundle.MANIFEST,
            b ->
                new String(b).replace("\"formatVersion\" : 2", "\"formatVersion\" : 9").getBytes());
    assertThatThrownBy(() -> ModelBundle.fromBytes(v9))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("format version 9 is not supported")
        .hasMessageContaining("reads version 2");
  }

  @Test
  void shouldExplainWhyAVersionOneBundleNoLongerLoads() throws IOException {
    byte[] v1 =
        rewrite(
            bundle.toBytes(),
            ModelBundle.MANIFEST,
            b ->
                new String(b).replace("\"formatVersion\" : 2", "\"formatVersion\" : 1").getBytes());
    assertThatThrownBy(() -> ModelBundle.fromBytes(v1))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("format version 1 is not supported")
        .hasMessageContaining("retrain");
  }

  @Test
  void shouldStoreTheQualityLadderInTheManifest() {
    ModelBundle ladder =
        TestBundles.identity(
            List.of(
                new MappedField("a", FieldType.FLOAT, 1), new MappedField("b", FieldType.INT, 1)),
            2,
            0.1f,
            0.5f);
    Manifest m = ModelBundle.fromBytes(ladder.toBytes()).manifest();
    assertThat(m.operatingPoints()).hasSize(2);
    assertThat(m.operatingPoints().get(1).step()).isEqualTo(0.5f);
    assertThat(m.operatingPoints().get(1).tables()).hasSize(2);
    assertThat(m.defaultPoint()).isEqualTo(m.operatingPoints().get(0));
    assertThat(ladder.manifestJson())
        .contains("\"operatingPoints\"", "\"defaultOperatingPoint\" : 0", "\"escapeFreq\"")
        .doesNotContain("quantizer");
    // Only the manifest's own latentSize: derived accessors of operating points are not stored.
    assertThat(ladder.manifestJson().split("latentSize", -1)).hasSize(2);
  }

  @Test
  void shouldRejectALadderThatDoesNotFitTheLatent() {
    Manifest m = bundle.manifest();
    List<OperatingPoint> threeDims = TestBundles.ladder(3, 1.0, 0.1f);
    assertThatThrownBy(() -> m.withOperatingPoints(threeDims, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 3 frequency tables; it needs one per latent dimension, 2");
    assertThatThrownBy(() -> m.withOperatingPoints(m.operatingPoints(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("defaultOperatingPoint 1 is not an index");
    assertThatThrownBy(() -> m.withOperatingPoints(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 64 points");
  }

  interface Edit {
    byte[] apply(byte[] b);
  }

  private static byte[] rewrite(byte[] zip, String entry, Edit edit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
        ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        if (e.getName().equals(entry)) {
          data = edit.apply(data);
          if (data == null) {
            continue;
          }
        }
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(data);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
