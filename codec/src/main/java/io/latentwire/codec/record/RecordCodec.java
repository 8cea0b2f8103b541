package io.latentwire.codec.record;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.errors.ModelMismatchException;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.PassthroughProjection;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.LatentRecord;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro records to {@link LatentRecord}s and back with one model: maps fields, runs the {@link
 * LatentCodec}, and carries the unmapped fields as passthrough bytes.
 *
 * <p>Thread-safe. Does not own the {@link LatentCodec} (the caller closes it). Passthrough
 * projections are cached per writer schema, in this instance.
 */
public final class RecordCodec {
  private final LatentCodec codec;
  private final FieldMapping mapping;
  private final io.latentwire.schemas.ModelId modelIdField;
  private final Map<Schema, PassthroughProjection> projections = new ConcurrentHashMap<>();

  public RecordCodec(LatentCodec codec) {
    this.codec = codec;
    this.mapping = codec.manifest().mapping();
    this.modelIdField = new io.latentwire.schemas.ModelId(codec.modelId().shortBytes());
  }

  public LatentCodec latentCodec() {
    return codec;
  }

  public FieldMapping mapping() {
    return mapping;
  }

  /**
   * Encodes a batch of records.
   *
   * @param records source records (any writer schema that satisfies the mapping)
   * @param sourceSchemaIds registry id of each record's writer schema, or -1
   * @throws io.latentwire.codec.errors.MappingException naming the path, if a record cannot feed
   *     the model: its writer schema lacks a mapped path or maps it to another type, a mapped value
   *     is null, or a vector has another length than at training (the caller decides whether that
   *     dead-letters one record or fails the batch; see {@link #features})
   */
  public LatentRecord[] encode(List<GenericRecord> records, int[] sourceSchemaIds) {
    return encode(records, sourceSchemaIds, EncodeSettings.defaults());
  }

  /**
   * Encodes a batch of records with explicit settings (operating point, max abs error).
   *
   * @param records source records (any writer schema that satisfies the mapping)
   * @param sourceSchemaIds registry id of each record's writer schema, or -1
   * @param settings operating point and optional per-feature bound (see {@link
   *     EncodeSettings#boundsPerField} for bounds per field)
   * @throws io.latentwire.codec.errors.MappingException if a record cannot feed the model
   */
  public LatentRecord[] encode(
      List<GenericRecord> records, int[] sourceSchemaIds, EncodeSettings settings) {
    int n = records.size();
    int width = mapping.width();
    float[] rows = new float[n * width];
    for (int i = 0; i < n; i++) {
      GenericRecord r = records.get(i);
      // The projection checks the writer schema once (cached): a schema lacking a mapped path or
      // with a mistyped one fails here naming both, before any value is read.
      projection(r.getSchema());
      mapping.extract(r, rows, i * width);
    }
    byte[][] payloads = codec.encode(rows, n, settings);
    LatentRecord[] out = new LatentRecord[n];
    for (int i = 0; i < n; i++) {
      GenericRecord r = records.get(i);
      out[i] =
          LatentRecord.newBuilder()
              .setModelId(modelIdField)
              .setSourceSchemaId(sourceSchemaIds[i])
              .setPayload(ByteBuffer.wrap(payloads[i]))
              .setPassthrough(ByteBuffer.wrap(projection(r.getSchema()).write(r)))
              .build();
    }
    return out;
  }

  /** Encodes one record. */
  public LatentRecord encode(GenericRecord record, int sourceSchemaId) {
    return encode(List.of(record), new int[] {sourceSchemaId})[0];
  }

  /** Encodes one record with explicit settings. */
  public LatentRecord encode(GenericRecord record, int sourceSchemaId, EncodeSettings settings) {
    return encode(List.of(record), new int[] {sourceSchemaId}, settings)[0];
  }

  /** The feature vector of one record; throws a MappingException naming the field if it can't. */
  public float[] features(GenericRecord record) {
    return mapping.extract(record);
  }

  /**
   * Decodes a batch of latent records, each into its writer schema.
   *
   * @throws ModelMismatchException if a record was encoded with another model
   * @throws io.latentwire.codec.errors.CorruptPayloadException on a corrupt payload or passthrough
   */
  public GenericRecord[] decode(List<LatentRecord> records, List<Schema> writerSchemas) {
    int n = records.size();
    byte[][] payloads = new byte[n][];
    for (int i = 0; i < n; i++) {
      LatentRecord lr = records.get(i);
      requireModel(lr);
      payloads[i] = bytes(lr.getPayload());
    }
    float[] rows = codec.decode(payloads);
    int width = mapping.width();
    GenericRecord[] out = new GenericRecord[n];
    float[] row = new float[width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows, i * width, row, 0, width);
      out[i] =
          projection(writerSchemas.get(i)).rebuild(bytes(records.get(i).getPassthrough()), row);
    }
    return out;
  }

  /** Decodes one latent record into its writer schema. */
  public GenericRecord decode(LatentRecord record, Schema writerSchema) {
    return decode(List.of(record), List.of(writerSchema))[0];
  }

  /** Throws when {@code record} names another model than this codec's. */
  public void requireModel(LatentRecord record) {
    byte[] id = record.getModelId().bytes();
    ModelId mine = codec.modelId();
    if (!mine.matches(id)) {
      throw new ModelMismatchException("a record", ModelId.shortHex(id), mine.shortHex());
    }
  }

  /** The passthrough projection for a writer schema (validated against the mapping, cached). */
  public PassthroughProjection projection(Schema writerSchema) {
    return projections.computeIfAbsent(writerSchema, s -> new PassthroughProjection(s, mapping));
  }

  private static byte[] bytes(ByteBuffer bb) {
    ByteBuffer d = bb.duplicate();
    byte[] b = new byte[d.remaining()];
    d.get(b);
    return b;
  }
}
