package io.latentwire.ops.models;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Models, source records and latent records for the registry and replay tests. */
public final class ModelFixtures {
  /** Source records: a name that passes through and three mapped floats. */
  public static final Schema SOURCE =
      SchemaBuilder.record("Reading")
          .namespace("test.models")
          .fields()
          .requiredString("name")
          .requiredFloat("a")
          .requiredFloat("b")
          .requiredFloat("c")
          .endRecord();

  /** Keeps a and b (latent 2): decodes c as 0. */
  public static final ModelBundle A =
      TestBundles.identityOnScalars(List.of("a", "b", "c"), 2, 0.01f);

  /** Keeps a, b and c (latent 3). */
  public static final ModelBundle B =
      TestBundles.identityOnScalars(List.of("a", "b", "c"), 3, 0.01f);

  /** Never published. */
  public static final ModelBundle C =
      TestBundles.identityOnScalars(List.of("a", "b", "c"), 1, 0.01f);

  private ModelFixtures() {}

  public static GenericRecord reading(String name, float a, float b, float c) {
    GenericData.Record r = new GenericData.Record(SOURCE);
    r.put("name", name);
    r.put("a", a);
    r.put("b", b);
    r.put("c", c);
    return r;
  }

  /** Encodes {@code records} with {@code bundle} (sessions opened and closed here). */
  public static List<LatentRecord> encode(
      ModelBundle bundle, List<GenericRecord> records, int sourceSchemaId) {
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      RecordCodec rc = new RecordCodec(codec);
      int[] ids = new int[records.size()];
      java.util.Arrays.fill(ids, sourceSchemaId);
      return List.of(rc.encode(records, ids));
    }
  }

  /** The bundle's zip with one byte of {@code entry} changed, the manifest left as it was. */
  public static byte[] withAlteredEntry(ModelBundle bundle, String entry) {
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
