package io.latentwire.codec.mapping;

import io.latentwire.codec.errors.CodecException;
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
 * The unmapped part of a writer schema: the same record with the mapped leaves removed, at any
 * depth, order kept. A nested record holding mapped fields stays, without them (possibly empty).
 * Both ends derive it from the writer schema and the mapping, so it never travels; only its Avro
 * binary does (LatentRecord.passthrough).
 *
 * <p>Immutable and thread-safe; build one per writer schema and reuse it.
 */
public final class PassthroughProjection {
  private final Schema writer;
  private final FieldMapping mapping;
  private final Node root;
  private final GenericDatumWriter<GenericRecord> datumWriter;
  private final GenericDatumReader<GenericRecord> datumReader;

  /**
   * One record of the writer schema and its projection: which writer fields are kept, and for each
   * kept record that holds mapped fields, its own node.
   */
  private record Node(Schema writer, Schema projected, int[] keptPositions, Node[] children) {}

  /**
   * @throws io.latentwire.codec.errors.MappingException when {@code writer} cannot satisfy the
   *     mapping, naming the missing path or the wrong type
   */
  public PassthroughProjection(Schema writer, FieldMapping mapping) {
    mapping.checkSchema(writer);
    this.writer = writer;
    this.mapping = mapping;
    this.root = project(writer, "", writer.getName() + "Passthrough");
    this.datumWriter = new GenericDatumWriter<>(root.projected(), AvroData.withLogicalTypes());
    this.datumReader = new GenericDatumReader<>(root.projected());
  }

  private Node project(Schema record, String prefix, String projectedName) {
    List<Schema.Field> kept = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<Node> children = new ArrayList<>();
    for (Schema.Field f : record.getFields()) {
      String path = prefix + f.name();
      if (mapping.isMapped(path)) {
        continue;
      }
      positions.add(f.pos());
      if (!mapping.hasMappedFieldsInside(path)) {
        kept.add(new Schema.Field(f, f.schema()));
        children.add(null);
        continue;
      }
      // checkSchema has walked this path: f is a record or a nullable record.
      Schema inner = FieldPaths.nonNull(f.schema());
      Node child =
          project(inner, path + ".", inner.getName() + "Passthrough_" + path.replace('.', '_'));
      Schema type = f.schema();
      if (type.getType() == Schema.Type.UNION) {
        List<Schema> branches = new ArrayList<>();
        for (Schema b : type.getTypes()) {
          branches.add(b.getType() == Schema.Type.NULL ? b : child.projected());
        }
        type = Schema.createUnion(branches);
      } else {
        type = child.projected();
      }
      // No default: the projection is only ever read with itself as writer and reader.
      kept.add(new Schema.Field(f.name(), type, f.doc(), (Object) null));
      children.add(child);
    }
    Schema projected =
        Schema.createRecord(projectedName, record.getDoc(), record.getNamespace(), false, kept);
    return new Node(
        record,
        projected,
        positions.stream().mapToInt(Integer::intValue).toArray(),
        children.toArray(new Node[0]));
  }

  public Schema writerSchema() {
    return writer;
  }

  public Schema projectedSchema() {
    return root.projected();
  }

  /** Avro binary of the unmapped fields of {@code record}; empty when every field is mapped. */
  public byte[] write(GenericRecord record) {
    if (root.keptPositions().length == 0) {
      return new byte[0];
    }
    GenericRecord p = strip(root, record);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      datumWriter.write(p, enc);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new CodecException(
          "cannot write the passthrough fields of a "
              + writer.getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  private static GenericRecord strip(Node node, GenericRecord record) {
    GenericData.Record p = new GenericData.Record(node.projected());
    int[] kept = node.keptPositions();
    for (int i = 0; i < kept.length; i++) {
      Object v = record.get(kept[i]);
      Node child = node.children()[i];
      p.put(i, child != null && v != null ? strip(child, (GenericRecord) v) : v);
    }
    return p;
  }

  private static GenericRecord dress(Node node, GenericRecord projected) {
    GenericData.Record out = new GenericData.Record(node.writer());
    int[] kept = node.keptPositions();
    for (int i = 0; i < kept.length; i++) {
      Object v = projected == null ? null : projected.get(i);
      Node child = node.children()[i];
      out.put(kept[i], child != null && v != null ? dress(child, (GenericRecord) v) : v);
    }
    return out;
  }

  /**
   * Rebuilds a full record of the writer schema from passthrough bytes and reconstructed feature
   * values: nested records included, mapped fields restored to their writer types (ints rounded,
   * uint8 clamped).
   *
   * @throws CorruptPayloadException when the passthrough bytes do not decode under the projection
   */
  public GenericRecord rebuild(byte[] passthrough, float[] values) {
    GenericRecord p = null;
    if (root.keptPositions().length > 0) {
      try {
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(passthrough, null);
        p = datumReader.read(null, dec);
        if (!dec.isEnd()) {
          throw new CorruptPayloadException(
              "passthrough has trailing bytes after the fields of "
                  + root.projected().getFullName());
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
    } else if (passthrough.length != 0) {
      throw new CorruptPayloadException(
          "passthrough holds "
              + passthrough.length
              + " bytes but every field of "
              + writer.getFullName()
              + " is mapped");
    }
    GenericRecord out = dress(root, p);
    mapping.inject(values, out);
    return out;
  }
}
