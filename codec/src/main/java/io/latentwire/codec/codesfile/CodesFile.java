package io.latentwire.codec.codesfile;

import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.LatentRecord;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The {@code .lwc} codes file: an Avro object container file with the zstandard block codec.
 *
 * <p>Format {@value #FORMAT_VERSION} stores one {@link #ENTRY_SCHEMA} per record: the payload and
 * the passthrough bytes, nothing else. Everything every record of a file shares lives once in the
 * file metadata: the model id (a topic's {@link LatentRecord} repeats its 8 bytes per record, which
 * cost ~7 bytes per record after zstd next to payloads of ~15-120 bytes) and the source schema
 * (offline files have no registry; records read back carry sourceSchemaId -1). Readers hand out
 * {@link LatentRecord}s either way, so offline output is exactly what travels on a {@code
 * <topic>.latent} topic. Format {@value #FORMAT_VERSION_1} (one {@link LatentRecord} per entry) is
 * still read.
 *
 * <p>File metadata keys (all UTF-8 strings):
 *
 * <ul>
 *   <li>{@value #META_FORMAT}: codes file format version, {@value #FORMAT_VERSION}
 *   <li>{@value #META_MODEL_ID}: full id (64 hex digits) of the model that wrote the codes
 *   <li>{@value #META_SOURCE_SCHEMA}: the source records' writer schema (JSON)
 * </ul>
 */
public final class CodesFile {
  public static final String META_FORMAT = "latentwire.codes.format";
  public static final String META_MODEL_ID = "latentwire.model.id";
  public static final String META_SOURCE_SCHEMA = "latentwire.source.schema";

  /** The format this build writes. */
  public static final String FORMAT_VERSION = "2";

  /** The first format: a full {@link LatentRecord} per entry. Read, no longer written. */
  public static final String FORMAT_VERSION_1 = "1";

  /** One entry of a format-2 file. */
  public static final Schema ENTRY_SCHEMA =
      SchemaBuilder.record("LatentCode")
          .namespace("io.latentwire.codesfile")
          .doc("One record of a .lwc codes file; the model id and schema are file metadata.")
          .fields()
          .name("payload")
          .doc("The latent code, as LatentRecord.payload.")
          .type()
          .bytesType()
          .noDefault()
          .name("passthrough")
          .doc("The unmapped fields, as LatentRecord.passthrough.")
          .type()
          .bytesType()
          .bytesDefault("")
          .endRecord();

  /** zstd level for container blocks: a good ratio at a cost far below the model's. */
  public static final int ZSTD_LEVEL = 9;

  private CodesFile() {}

  static GenericRecord entry(LatentRecord record) {
    GenericRecord e = new GenericData.Record(ENTRY_SCHEMA);
    e.put("payload", record.getPayload());
    e.put("passthrough", record.getPassthrough());
    return e;
  }

  static LatentRecord record(GenericRecord entry, ModelId model) {
    return LatentRecord.newBuilder()
        .setModelId(new io.latentwire.schemas.ModelId(model.shortBytes()))
        .setSourceSchemaId(-1)
        .setPayload((ByteBuffer) entry.get("payload"))
        .setPassthrough((ByteBuffer) entry.get("passthrough"))
        .build();
  }
}
