package io.latentwire.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.BundleFormatException;
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
                new String(b).replace("\"formatVersion\" : 1", "\"formatVersion\" : 9").getBytes());
    assertThatThrownBy(() -> ModelBundle.fromBytes(v9))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageContaining("format version 9 is not supported");
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
