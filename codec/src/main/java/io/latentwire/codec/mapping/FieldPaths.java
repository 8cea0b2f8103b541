package io.latentwire.codec.mapping;

import io.latentwire.codec.errors.MappingException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Walking a dotted field path ({@code position.lat}) through an Avro schema or record. Avro names
 * cannot contain a dot, so a dotted path is never ambiguous; a top-level field is a path of length
 * one, which keeps mappings written before paths existed valid.
 */
final class FieldPaths {
  private FieldPaths() {}

  /** The segments of {@code path}; every segment must be a non-empty name. */
  static String[] split(String path) {
    String[] segments = path.split("\\.", -1);
    for (String s : segments) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException(
            "field path '" + path + "' has an empty segment; write names joined by dots, e.g. a.b");
      }
    }
    return segments;
  }

  /**
   * The field at {@code path} in {@code root}, walking through records and nullable records.
   *
   * @param lacking what to say when the path is absent, e.g. "is not in schema X"
   * @throws MappingException naming the path when a segment is absent or is not a record
   */
  static Schema.Field locate(Schema root, String path, String lacking) {
    String[] segments = split(path);
    Schema record = root;
    Schema.Field field = null;
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        Schema inner = nonNull(field.schema());
        if (inner.getType() != Schema.Type.RECORD) {
          throw new MappingException(
              path,
              "'"
                  + prefix(segments, i)
                  + "' has type "
                  + typeName(field.schema())
                  + ", not a record, in schema "
                  + root.getFullName());
        }
        record = inner;
      }
      field = record.getField(segments[i]);
      if (field == null) {
        String detail =
            i == 0
                ? "; its fields are " + fieldNames(record)
                : "; record '"
                    + prefix(segments, i)
                    + "' ("
                    + record.getFullName()
                    + ") has no field '"
                    + segments[i]
                    + "', only "
                    + fieldNames(record);
        throw new MappingException(path, lacking + detail);
      }
    }
    return field;
  }

  /**
   * The record holding the last segment of a path, walking {@code record}'s nested records.
   *
   * @param segments the path's segments
   * @param need what the model needs there, for the message when a record on the way is null
   * @throws MappingException when a record on the way is absent or null
   */
  static GenericRecord parentOf(GenericRecord record, String path, String[] segments, String need) {
    GenericRecord current = record;
    for (int i = 0; i < segments.length - 1; i++) {
      Schema.Field f = current.getSchema().getField(segments[i]);
      if (f == null) {
        throw lacks(path, record.getSchema());
      }
      Object v = current.get(f.pos());
      if (v == null) {
        throw new MappingException(
            path, "record '" + prefix(segments, i + 1) + "' is null; the model needs " + need);
      }
      if (!(v instanceof GenericRecord g)) {
        throw new MappingException(
            path,
            "'"
                + prefix(segments, i + 1)
                + "' holds a "
                + v.getClass().getSimpleName()
                + ", not a record");
      }
      current = g;
    }
    return current;
  }

  static MappingException lacks(String path, Schema schema) {
    return new MappingException(
        path, "the model needs it but record schema " + schema.getFullName() + " lacks it");
  }

  /** The first {@code n} segments joined by dots. */
  static String prefix(String[] segments, int n) {
    return String.join(".", List.of(segments).subList(0, n));
  }

  /** The non-null branch of a ["null", T] union, or the schema itself. */
  static Schema nonNull(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      List<Schema> branches =
          s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
      if (branches.size() == 1) {
        return branches.get(0);
      }
    }
    return s;
  }

  /** A short, readable name of a schema for messages (a record by name, not its whole JSON). */
  static String typeName(Schema s) {
    if (s.getLogicalType() != null) {
      return s.getLogicalType().getName() + " (" + s.getType().getName() + ")";
    }
    return switch (s.getType()) {
      case RECORD -> "record " + s.getFullName();
      case ENUM -> "enum " + s.getFullName();
      case FIXED -> "fixed " + s.getFullName() + "[" + s.getFixedSize() + "]";
      case ARRAY -> "array<" + typeName(s.getElementType()) + ">";
      case MAP -> "map<" + typeName(s.getValueType()) + ">";
      case UNION ->
          s.getTypes().stream()
              .map(FieldPaths::typeName)
              .collect(Collectors.joining(", ", "union [", "]"));
      default -> s.getType().getName();
    };
  }

  private static String fieldNames(Schema record) {
    return record.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "));
  }
}
