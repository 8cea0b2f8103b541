package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.testing.TestBundles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test bundles and altered copies of them. */
final class Bundles {
  private Bundles() {}

  static ModelBundle small(int latent) {
    return TestBundles.identityOnScalars(List.of("a", "b", "c"), latent, 0.01f);
  }

  /** The bundle's zip with one byte of {@code entry} changed, the manifest left as it was. */
  static byte[] withAlteredEntry(ModelBundle bundle, String entry) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bundle.toBytes()))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        ZipEntry e;
        while ((e = in.getNextEntry()) != null) {
          byte[] data = in.readAllBytes();
          if (e.getName().equals(entry)) {
            data[data.length - 1] ^= 1;
          }
          zip.putNextEntry(new ZipEntry(e.getName()));
          zip.write(data);
          zip.closeEntry();
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
