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
 * <p>Fields are named by path: {@code pixels} for a top-level field, {@code position.lat} for a
 * field of a nested record (through plain or nullable records). A mapped field is a scalar number
 * (int, long, float, double), a fixed-length numeric array, or bytes/fixed read as uint8 values,
 * each possibly as a nullable union. A null value, or a null record on the way, is refused with a
 * {@link MappingException} naming the path: the model has no notion of a missing value, and
 * inventing one (zero, the mean) would silently change the data.
 *
 * <p>Immutable and thread-safe. Every field not named here passes through unchanged (see {@link
 * PassthroughProjection}).
 */
public final class FieldMapping {
  private static final String MAPPABLE =
      "int, long, float, double, bytes, fixed, arrays of int/long/float/double, each possibly"
          + " nullable, inside records by path (a.b)";

  private final List<MappedField> fields;
  private final List<String[]> segments;
  private final Set<String> names;
  private final Set<String> interior;
  private final int width;

  /**
   * @param fields the mapped fields in feature order; paths unique, none inside another
   */
  @JsonCreator
  public FieldMapping(@JsonProperty("fields") List<MappedField> fields) {
    if (fields == null || fields.isEmpty()) {
      throw new IllegalArgumentException("a field mapping needs at least one field");
    }
    this.fields = List.copyOf(fields);
    this.names = new HashSet<>();
    this.interior = new HashSet<>();
    List<String[]> segs = new ArrayList<>();
    int w = 0;
    for (MappedField f : this.fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("field '" + f.name() + "' is mapped twice");
      }
      String[] s = FieldPaths.split(f.name());
      segs.add(s);
      for (int i = 1; i < s.length; i++) {
        interior.add(FieldPaths.prefix(s, i));
      }
      w += f.width();
    }
    for (String n : names) {
      if (interior.contains(n)) {
        throw new IllegalArgumentException(
            "field '" + n + "' is mapped and so are fields inside it; map one or the other");
      }
    }
    this.segments = List.copyOf(segs);
    this.width = w;
  }

  /**
   * Chooses the fields of a schema that feed the model, looking into nested records. Vector-like
   * fields (bytes, fixed, numeric arrays) win when present, since they are the bulk of such records
   * (an image's pixels, a window of samples) and scalars beside them are usually identifiers.
   * Otherwise every plain numeric scalar is mapped. Logical types (timestamps, decimals), strings
   * and nullable unions (including nullable records) pass through: a nullable field may be null,
   * and a null mapped value is refused; name such a field with {@link #of} to map it anyway.
   *
   * @param sample a record of this schema, needed for the length of bytes and array fields
   * @throws MappingException when the schema has no numeric field at all
   */
  public static FieldMapping infer(Schema schema, GenericRecord sample) {
    List<MappedField> vectors = new ArrayList<>();
    List<MappedField> scalars = new ArrayList<>();
    collect(schema, "", sample, vectors, scalars);
    List<MappedField> chosen = vectors.isEmpty() ? scalars : vectors;
    if (chosen.isEmpty()) {
      throw new MappingException(
          schema.getFullName(),
          "the schema has no numeric field to compress; mappable types are int, long, float,"
              + " double, bytes, fixed and arrays of numbers, also inside nested records");
    }
    return new FieldMapping(chosen);
  }

  private static void collect(
      Schema record,
      String prefix,
      GenericRecord sample,
      List<MappedField> vectors,
      List<MappedField> scalars) {
    for (Schema.Field f : record.getFields()) {
      String path = prefix + f.name();
      Schema fs = f.schema();
      if (fs.getType() == Schema.Type.RECORD && fs.getLogicalType() == null) {
        Object inner = sample == null ? null : sample.get(f.pos());
        collect(fs, path + ".", inner instanceof GenericRecord g ? g : null, vectors, scalars);
        continue;
      }
      FieldType type = FieldType.of(fs);
      if (type == null) {
        continue;
      }
      if (type.isScalar()) {
        scalars.add(new MappedField(path, type, 1));
      } else {
        Object value = sample == null ? null : sample.get(f.pos());
        vectors.add(new MappedField(path, type, lengthOf(path, value)));
      }
    }
  }

  /**
   * Builds a mapping of the named fields (paths such as {@code position.lat}) of a schema, in the
   * order given. Nullable fields may be named; a null value is refused when encoding.
   *
   * @param sample a record of this schema, needed for the length of bytes and array fields
   * @throws MappingException naming the path when it is absent or its type cannot be mapped
   */
  public static FieldMapping of(Schema schema, GenericRecord sample, List<String> fieldPaths) {
    List<MappedField> chosen = new ArrayList<>();
    for (String path : fieldPaths) {
      Schema.Field f = FieldPaths.locate(schema, path, "is not in schema " + schema.getFullName());
      Schema leaf = FieldPaths.nonNull(f.schema());
      FieldType type = FieldType.of(leaf);
      if (type == null) {
        String hint =
            leaf.getType() == Schema.Type.RECORD
                ? "; map its numeric fields by path, e.g. "
                    + path
                    + "."
                    + leaf.getFields().get(0).name()
                : "";
        throw new MappingException(
            path,
            "has type "
                + FieldPaths.typeName(f.schema())
                + ", which cannot be mapped; allowed: "
                + MAPPABLE
                + hint);
      }
      int w = 1;
      if (!type.isScalar()) {
        String[] s = FieldPaths.split(path);
        GenericRecord parent = FieldPaths.parentOf(sample, path, s, "a value in the sample record");
        w = lengthOf(path, parent.get(s[s.length - 1]));
      }
      chosen.add(new MappedField(path, type, w));
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

  /** Whether the field at {@code path} (e.g. {@code position.lat}) feeds the model. */
  @JsonIgnore
  public boolean isMapped(String path) {
    return names.contains(path);
  }

  /**
   * Whether some mapped field lies inside the record at {@code path} ({@code position} when {@code
   * position.lat} is mapped). Such a record passes through without its mapped fields.
   */
  @JsonIgnore
  public boolean hasMappedFieldsInside(String path) {
    return interior.contains(path);
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
   * @throws MappingException naming the first absent or mistyped path
   */
  public void checkSchema(Schema schema) {
    for (MappedField mf : fields) {
      Schema.Field f =
          FieldPaths.locate(
              schema,
              mf.name(),
              "the model needs it but schema " + schema.getFullName() + " lacks it");
      Schema leaf = FieldPaths.nonNull(f.schema());
      FieldType actual = FieldType.of(leaf);
      if (actual == null || actual.isScalar() != mf.type().isScalar()) {
        throw new MappingException(
            mf.name(),
            "the model needs a "
                + describe(mf)
                + " but schema "
                + schema.getFullName()
                + " has "
                + FieldPaths.typeName(f.schema()));
      }
      if (actual == FieldType.FIXED && leaf.getFixedSize() != mf.width()) {
        throw new MappingException(
            mf.name(),
            "the model needs a "
                + describe(mf)
                + " but schema "
                + schema.getFullName()
                + " has "
                + FieldPaths.typeName(leaf));
      }
    }
  }

  /** Reads the mapped fields of {@code record} into a new feature vector. */
  public float[] extract(GenericRecord record) {
    float[] out = new float[width];
    extract(record, out, 0);
    return out;
  }

  /**
   * Reads the mapped fields of {@code record} into {@code out} starting at {@code offset}.
   *
   * @throws MappingException naming the path of an absent, null or mistyped value, or of a vector
   *     whose length is not the one fixed at training
   */
  public void extract(GenericRecord record, float[] out, int offset) {
    int pos = offset;
    for (int k = 0; k < fields.size(); k++) {
      MappedField mf = fields.get(k);
      String[] s = segments.get(k);
      GenericRecord parent = FieldPaths.parentOf(record, mf.name(), s, "a " + describe(mf));
      Schema.Field f = parent.getSchema().getField(s[s.length - 1]);
      if (f == null) {
        throw FieldPaths.lacks(mf.name(), record.getSchema());
      }
      Object value = parent.get(f.pos());
      if (value == null) {
        throw new MappingException(mf.name(), "is null; the model needs a " + describe(mf));
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
   * the target's field types: integers rounded, bytes rounded and clamped to 0..255. Nested records
   * on a path that are null in {@code target} are created.
   */
  public void inject(float[] values, GenericRecord target) {
    int pos = 0;
    for (int k = 0; k < fields.size(); k++) {
      MappedField mf = fields.get(k);
      String[] s = segments.get(k);
      GenericRecord parent = target;
      for (int i = 0; i < s.length - 1; i++) {
        Schema.Field f = parent.getSchema().getField(s[i]);
        if (f == null) {
          throw missingInTarget(mf, target.getSchema());
        }
        Object v = parent.get(f.pos());
        if (v == null) {
          Schema inner = FieldPaths.nonNull(f.schema());
          if (inner.getType() != Schema.Type.RECORD) {
            throw missingInTarget(mf, target.getSchema());
          }
          v = new GenericData.Record(inner);
          parent.put(f.pos(), v);
        }
        parent = (GenericRecord) v;
      }
      Schema.Field f = parent.getSchema().getField(s[s.length - 1]);
      if (f == null) {
        throw missingInTarget(mf, target.getSchema());
      }
      parent.put(f.pos(), restore(mf, FieldPaths.nonNull(f.schema()), values, pos));
      pos += mf.width();
    }
  }

  private static MappingException missingInTarget(MappedField mf, Schema schema) {
    return new MappingException(
        mf.name(), "the target schema " + schema.getFullName() + " lacks this mapped field");
  }

  /** The Avro value of one mapped field from its features at {@code pos}. */
  private static Object restore(MappedField mf, Schema fs, float[] values, int pos) {
    if (mf.type().isScalar()) {
      return toScalar(fs.getType(), values[pos], mf);
    }
    return switch (fs.getType()) {
      case BYTES -> ByteBuffer.wrap(uint8s(values, pos, mf.width()));
      case FIXED -> {
        if (fs.getFixedSize() != mf.width()) {
          throw new MappingException(
              mf.name(),
              "fixed size " + fs.getFixedSize() + " differs from the model's " + mf.width());
        }
        yield new GenericData.Fixed(fs, uint8s(values, pos, mf.width()));
      }
      case ARRAY -> {
        Schema.Type et = FieldPaths.nonNull(fs.getElementType()).getType();
        GenericData.Array<Object> arr = new GenericData.Array<>(mf.width(), fs);
        for (int i = 0; i < mf.width(); i++) {
          arr.add(toScalar(et, values[pos + i], mf));
        }
        yield arr;
      }
      default ->
          throw new MappingException(
              mf.name(),
              "cannot write a "
                  + describe(mf)
                  + " into a field of type "
                  + FieldPaths.typeName(fs));
    };
  }

  private static byte[] uint8s(float[] values, int pos, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) uint8(values[pos + i]);
    }
    return b;
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
        if (o == null) {
          throw new MappingException(
              mf.name(), "holds a null element; the model needs a " + describe(mf));
        }
        out[pos++] = scalar(mf, o);
      }
      return pos;
    }
    throw new MappingException(
        mf.name(),
        "holds a " + value.getClass().getSimpleName() + "; the model needs a " + describe(mf));
  }

  private static void requireLength(MappedField mf, int actual) {
    if (actual != mf.width()) {
      throw new MappingException(
          mf.name(),
          "has "
              + actual
              + " elements; the model needs exactly "
              + mf.width()
              + " (the length is fixed at training)");
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

  private static int lengthOf(String path, Object value) {
    if (value instanceof ByteBuffer bb) {
      return requirePositive(path, bb.remaining());
    }
    if (value instanceof GenericFixed f) {
      return requirePositive(path, f.bytes().length);
    }
    if (value instanceof Collection<?> c) {
      return requirePositive(path, c.size());
    }
    throw new MappingException(path, "is null or not a vector in the sample record: " + value);
  }

  private static int requirePositive(String path, int n) {
    if (n == 0) {
      throw new MappingException(
          path, "is empty in the sample record; its length must be fixed and > 0");
    }
    return n;
  }

  /** The non-null branch of a ["null", T] union, or the schema itself. */
  static Schema nonNull(Schema s) {
    return FieldPaths.nonNull(s);
  }

  private static String describe(MappedField mf) {
    return mf.type().isScalar()
        ? "number (" + mf.type().name().toLowerCase() + ")"
        : mf.type().name().toLowerCase() + " of length " + mf.width();
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
