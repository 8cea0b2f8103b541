package io.latentwire.codec.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentwire.codec.errors.MappingException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Which record fields feed the model, in which order, and how to read them into a feature vector
 * and write a reconstructed vector back into a record.
 *
 * <p>Immutable and thread-safe. Every field not named here passes through unchanged (see {@link
 * PassthroughProjection}).
 */
public final class FieldMapping {
  private final List<MappedField> fields;
  private final Set<String> names;
  private final int width;

  @JsonCreator
  public FieldMapping(@JsonProperty("fields") List<MappedField> fields) {
    if (fields == null || fields.isEmpty()) {
      throw new IllegalArgumentException("a field mapping needs at least one field");
    }
    this.fields = List.copyOf(fields);
    this.names = new HashSet<>();
    int w = 0;
    for (MappedField f : this.fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("field '" + f.name() + "' is mapped twice");
      }
      w += f.width();
    }
    this.width = w;
  }

  /**
   * Chooses the fields of a schema that feed the model. Vector-like fields (bytes, fixed, numeric
   * arrays) win when present, since they are the bulk of such records (an image's pixels, a window
   * of samples) and scalars beside them are usually identifiers. Otherwise every plain numeric
   * scalar is mapped. Logical types (timestamps, decimals), strings and nullable unions always pass
   * through.
   *
   * @param sample a record of this schema, needed for the length of bytes and array fields
   * @throws MappingException when the schema has no numeric field at all
   */
  public static FieldMapping infer(Schema schema, GenericRecord sample) {
    List<MappedField> vectors = new ArrayList<>();
    List<MappedField> scalars = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      FieldType type = FieldType.of(f.schema());
      if (type == null) {
        continue;
      }
      if (type.isScalar()) {
        scalars.add(new MappedField(f.name(), type, 1));
      } else {
        vectors.add(new MappedField(f.name(), type, lengthOf(f.name(), sample.get(f.name()))));
      }
    }
    List<MappedField> chosen = vectors.isEmpty() ? scalars : vectors;
    if (chosen.isEmpty()) {
      throw new MappingException(
          schema.getFullName(),
          "the schema has no numeric field to compress; mappable types are int, long, float,"
              + " double, bytes, fixed and arrays of numbers");
    }
    return new FieldMapping(chosen);
  }

  /** Builds a mapping of the named fields of a schema, in the order given. */
  public static FieldMapping of(Schema schema, GenericRecord sample, List<String> fieldNames) {
    List<MappedField> chosen = new ArrayList<>();
    for (String name : fieldNames) {
      Schema.Field f = schema.getField(name);
      if (f == null) {
        throw new MappingException(
            name, "is not in schema " + schema.getFullName() + describe(schema));
      }
      FieldType type = FieldType.of(f.schema());
      if (type == null) {
        throw new MappingException(
            name,
            "has type "
                + f.schema()
                + ", which cannot be mapped; allowed: int, long, float, double, bytes, fixed,"
                + " arrays of numbers");
      }
      int w = type.isScalar() ? 1 : lengthOf(name, sample.get(name));
      chosen.add(new MappedField(name, type, w));
    }
    return new FieldMapping(chosen);
  }

  @JsonProperty("fields")
  public List<MappedField> fields() {
    return fields;
  }

  /** Number of features (model input size). */
  @JsonIgnore
  public int width() {
    return width;
  }

  @JsonIgnore
  public boolean isMapped(String fieldName) {
    return names.contains(fieldName);
  }

  /** The kind of every feature, in feature order. */
  @JsonIgnore
  public List<FeatureKind> featureKinds() {
    List<FeatureKind> kinds = new ArrayList<>(width);
    for (MappedField f : fields) {
      for (int i = 0; i < f.width(); i++) {
        kinds.add(f.type().featureKind());
      }
    }
    return kinds;
  }

  /**
   * Checks that records of {@code schema} can feed this mapping.
   *
   * @throws MappingException naming the first absent or mistyped field
   */
  public void checkSchema(Schema schema) {
    for (MappedField mf : fields) {
      Schema.Field f = schema.getField(mf.name());
      if (f == null) {
        throw new MappingException(
            mf.name(), "the model needs it but schema " + schema.getFullName() + " lacks it");
      }
      FieldType actual = FieldType.of(nonNull(f.schema()));
      if (actual == null || actual.isScalar() != mf.type().isScalar()) {
        throw new MappingException(
            mf.name(),
            "the model needs a "
                + describe(mf)
                + " but schema "
                + schema.getFullName()
                + " has "
                + f.schema());
      }
    }
  }

  /** Reads the mapped fields of {@code record} into a new feature vector. */
  public float[] extract(GenericRecord record) {
    float[] out = new float[width];
    extract(record, out, 0);
    return out;
  }

  /** Reads the mapped fields of {@code record} into {@code out} starting at {@code offset}. */
  public void extract(GenericRecord record, float[] out, int offset) {
    Schema schema = record.getSchema();
    int pos = offset;
    for (MappedField mf : fields) {
      Schema.Field f = schema.getField(mf.name());
      if (f == null) {
        throw new MappingException(
            mf.name(),
            "the model needs it but record schema " + schema.getFullName() + " lacks it");
      }
      Object value = record.get(f.pos());
      if (value == null) {
        throw new MappingException(mf.name(), "is null; the model needs " + describe(mf));
      }
      if (mf.type().isScalar()) {
        out[pos++] = scalar(mf, value);
        continue;
      }
      pos = vector(mf, value, out, pos);
    }
  }

  /**
   * Writes a reconstructed feature vector into the mapped fields of {@code target}, converting to
   * the target's field types: integers rounded, bytes rounded and clamped to 0..255.
   */
  public void inject(float[] values, GenericRecord target) {
    Schema schema = target.getSchema();
    int pos = 0;
    for (MappedField mf : fields) {
      Schema.Field f = schema.getField(mf.name());
      if (f == null) {
        throw new MappingException(
            mf.name(), "the target schema " + schema.getFullName() + " lacks this mapped field");
      }
      Schema fs = nonNull(f.schema());
      if (mf.type().isScalar()) {
        target.put(f.pos(), toScalar(fs.getType(), values[pos++], mf));
        continue;
      }
      switch (fs.getType()) {
        case BYTES -> {
          byte[] b = new byte[mf.width()];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) uint8(values[pos++]);
          }
          target.put(f.pos(), ByteBuffer.wrap(b));
        }
        case FIXED -> {
          if (fs.getFixedSize() != mf.width()) {
            throw new MappingException(
                mf.name(),
                "fixed size " + fs.getFixedSize() + " differs from the model's " + mf.width());
          }
          byte[] b = new byte[mf.width()];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) uint8(values[pos++]);
          }
          target.put(f.pos(), new GenericData.Fixed(fs, b));
        }
        case ARRAY -> {
          Schema.Type et = nonNull(fs.getElementType()).getType();
          GenericData.Array<Object> arr = new GenericData.Array<>(mf.width(), fs);
          for (int i = 0; i < mf.width(); i++) {
            arr.add(toScalar(et, values[pos++], mf));
          }
          target.put(f.pos(), arr);
        }
        default ->
            throw new MappingException(
                mf.name(), "cannot write a " + describe(mf) + " into a field of type " + fs);
      }
    }
  }

  private static float scalar(MappedField mf, Object value) {
    if (value instanceof Number n) {
      return n.floatValue();
    }
    throw new MappingException(
        mf.name(), "holds a " + value.getClass().getSimpleName() + "; the model needs a number");
  }

  private static int vector(MappedField mf, Object value, float[] out, int pos) {
    int n = mf.width();
    if (value instanceof ByteBuffer bb) {
      requireLength(mf, bb.remaining());
      ByteBuffer d = bb.duplicate();
      for (int i = 0; i < n; i++) {
        out[pos++] = d.get() & 0xFF;
      }
      return pos;
    }
    if (value instanceof GenericFixed fixed) {
      byte[] b = fixed.bytes();
      requireLength(mf, b.length);
      for (int i = 0; i < n; i++) {
        out[pos++] = b[i] & 0xFF;
      }
      return pos;
    }
    if (value instanceof Collection<?> c) {
      requireLength(mf, c.size());
      for (Object o : c) {
        out[pos++] = scalar(mf, o);
      }
      return pos;
    }
    throw new MappingException(
        mf.name(),
        "holds a " + value.getClass().getSimpleName() + "; the model needs " + describe(mf));
  }

  private static void requireLength(MappedField mf, int actual) {
    if (actual != mf.width()) {
      throw new MappingException(
          mf.name(), "has " + actual + " elements; the model needs exactly " + mf.width());
    }
  }

  private static Object toScalar(Schema.Type type, float v, MappedField mf) {
    return switch (type) {
      case INT ->
          (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round((double) v)));
      case LONG -> Math.round((double) v);
      case FLOAT -> v;
      // Via the float's shortest decimal form, so 1017.5 stays 1017.5 and not 1017.5000610...
      case DOUBLE -> Double.parseDouble(Float.toString(v));
      default ->
          throw new MappingException(
              mf.name(), "cannot write a number into a field of type " + type.getName());
    };
  }

  private static int uint8(float v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static int lengthOf(String name, Object value) {
    if (value instanceof ByteBuffer bb) {
      return requirePositive(name, bb.remaining());
    }
    if (value instanceof GenericFixed f) {
      return requirePositive(name, f.bytes().length);
    }
    if (value instanceof Collection<?> c) {
      return requirePositive(name, c.size());
    }
    throw new MappingException(name, "is null or not a vector in the sample record: " + value);
  }

  private static int requirePositive(String name, int n) {
    if (n == 0) {
      throw new MappingException(
          name, "is empty in the sample record; its length must be fixed and > 0");
    }
    return n;
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

  private static String describe(MappedField mf) {
    return mf.type().isScalar()
        ? "number (" + mf.type().name().toLowerCase() + ")"
        : mf.type().name().toLowerCase() + " of length " + mf.width();
  }

  private static String describe(Schema schema) {
    return "; its fields are "
        + schema.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldMapping m && m.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return fields.stream()
        .map(
            f ->
                f.name()
                    + ":"
                    + f.type().name().toLowerCase()
                    + (f.width() > 1 ? "[" + f.width() + "]" : ""))
        .collect(Collectors.joining(", ", "FieldMapping[", "]"));
  }
}
