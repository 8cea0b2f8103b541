package io.latentwire.codec.mapping;

import io.latentwire.codec.errors.CorruptPayloadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The unmapped part of a writer schema: the same record with the mapped fields removed, order kept.
 * Both ends derive it from the writer schema and the mapping, so it never travels; only its Avro
 * binary does (LatentRecord.passthrough).
 *
 * <p>Immutable and thread-safe; build one per writer schema and reuse it.
 */
public final class PassthroughProjection {
  private final Schema writer;
  private final Schema projected;
  private final FieldMapping mapping;
  private final int[] writerPositions;
  private final GenericDatumWriter<GenericRecord> datumWriter;
  private final GenericDatumReader<GenericRecord> datumReader;

  public PassthroughProjection(Schema writer, FieldMapping mapping) {
    mapping.checkSchema(writer);
    this.writer = writer;
    this.mapping = mapping;
    List<Schema.Field> kept = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (Schema.Field f : writer.getFields()) {
      if (!mapping.isMapped(f.name())) {
        kept.add(new Schema.Field(f, f.schema()));
        positions.add(f.pos());
      }
    }
    this.projected =
        Schema.createRecord(
            writer.getName() + "Passthrough", writer.getDoc(), writer.getNamespace(), false, kept);
    this.writerPositions = positions.stream().mapToInt(Integer::intValue).toArray();
    this.datumWriter = new GenericDatumWriter<>(projected, AvroData.withLogicalTypes());
    this.datumReader = new GenericDatumReader<>(projected);
  }

  public Schema writerSchema() {
    return writer;
  }

  public Schema projectedSchema() {
    return projected;
  }

  /** Avro binary of the unmapped fields of {@code record}; empty when every field is mapped. */
  public byte[] write(GenericRecord record) {
    if (writerPositions.length == 0) {
      return new byte[0];
    }
    GenericData.Record p = new GenericData.Record(projected);
    for (int i = 0; i < writerPositions.length; i++) {
      p.put(i, record.get(writerPositions[i]));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      datumWriter.write(p, enc);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new io.latentwire.codec.errors.CodecException(
          "cannot write the passthrough fields of a "
              + writer.getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  /**
   * Rebuilds a full record of the writer schema from passthrough bytes and reconstructed feature
   * values.
   *
   * @throws CorruptPayloadException when the passthrough bytes do not decode under the projection
   */
  public GenericRecord rebuild(byte[] passthrough, float[] values) {
    GenericData.Record out = new GenericData.Record(writer);
    if (writerPositions.length > 0) {
      GenericRecord p;
      try {
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(passthrough, null);
        p = datumReader.read(null, dec);
        if (!dec.isEnd()) {
          throw new CorruptPayloadException(
              "passthrough has trailing bytes after the fields of " + projected.getFullName());
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof CorruptPayloadException c) {
          throw c;
        }
        throw new CorruptPayloadException(
            "passthrough of "
                + passthrough.length
                + " bytes does not decode as the unmapped fields of "
                + writer.getFullName()
                + ": "
                + e);
      }
      for (int i = 0; i < writerPositions.length; i++) {
        out.put(writerPositions[i], p.get(i));
      }
    } else if (passthrough.length != 0) {
      throw new CorruptPayloadException(
          "passthrough holds "
              + passthrough.length
              + " bytes but every field of "
              + writer.getFullName()
              + " is mapped");
    }
    mapping.inject(values, out);
    return out;
  }
}
