package io.latentwire.streams.serde;

import java.util.Arrays;
import org.apache.avro.Schema;

/**
 * Walks Avro binary data under its writer schema, without building values, to prove that every
 * length, count and index fits the bytes actually present.
 *
 * <p>Why: Avro's decoder trusts declared lengths and sizes its buffers from them, so one corrupt
 * varint can make it allocate gigabytes before noticing the data ends. Walking first turns such
 * records into a clear error instead of an {@link OutOfMemoryError} that would stop the stream. The
 * walk also rejects trailing bytes, the usual sign of a record read with the wrong schema.
 *
 * <p>Arrays and maps may not declare more items than there are bytes left, even when items take no
 * bytes (arrays of null); no real writer produces such data.
 */
final class AvroPayloadBounds {

  /** Deeper nesting is refused: only a corrupt recursive record gets there. */
  static final int MAX_DEPTH = 500;

  /** The data does not fit the schema; the message names the field path and the numbers. */
  static final class OutOfBounds extends Exception {
    private static final long serialVersionUID = 1L;

    OutOfBounds(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] data;
  private final int end;
  private int position;
  // Names along the current path, joined only when an error is reported: no garbage per record.
  private String[] path = new String[8];
  private int depth;

  private AvroPayloadBounds(byte[] data, int offset, int end) {
    this.data = data;
    this.position = offset;
    this.end = end;
  }

  /**
   * Checks that {@code data[offset, data.length)} is exactly one value of {@code schema}.
   *
   * @throws OutOfBounds naming where the data and the schema disagree
   */
  static void check(Schema schema, byte[] data, int offset) throws OutOfBounds {
    AvroPayloadBounds walker = new AvroPayloadBounds(data, offset, data.length);
    walker.walk(schema);
    if (walker.position != walker.end) {
      throw new OutOfBounds(
          (walker.end - walker.position)
              + " trailing byte(s) after a complete value of the writer schema");
    }
  }

  private void walk(Schema schema) throws OutOfBounds {
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> skip(1);
      case INT -> readVarint(5);
      case LONG -> readVarint(10);
      case FLOAT -> skip(4);
      case DOUBLE -> skip(8);
      case FIXED -> skip(schema.getFixedSize());
      case BYTES, STRING -> skip(length("length"));
      case ENUM -> index(schema.getEnumSymbols().size(), "enum symbol");
      case UNION -> {
        int branch = index(schema.getTypes().size(), "union branch");
        walk(schema.getTypes().get(branch));
      }
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          enter(field.name());
          walk(field.schema());
          depth--;
        }
      }
      case ARRAY -> {
        enter("[]");
        for (long count = blockCount(); count != 0; count = blockCount()) {
          for (long i = 0; i < count; i++) {
            walk(schema.getElementType());
          }
        }
        depth--;
      }
      case MAP -> {
        enter("{}");
        for (long count = blockCount(); count != 0; count = blockCount()) {
          for (long i = 0; i < count; i++) {
            skip(length("map key length"));
            walk(schema.getValueType());
          }
        }
        depth--;
      }
    }
  }

  private void enter(String name) throws OutOfBounds {
    if (depth == MAX_DEPTH) {
      throw new OutOfBounds("nesting deeper than " + MAX_DEPTH + " levels at " + where());
    }
    if (depth == path.length) {
      path = Arrays.copyOf(path, path.length * 2);
    }
    path[depth++] = name;
  }

  /** Reads an item count; a negative count is followed by the block's byte size. */
  private long blockCount() throws OutOfBounds {
    long count = readVarint(10);
    if (count < 0) {
      count = -count;
      length("block size");
    }
    if (count < 0 || count > remaining()) {
      throw new OutOfBounds(
          "item count " + count + " at " + where() + " exceeds the " + remaining() + " bytes left");
    }
    return count;
  }

  private int index(int size, String what) throws OutOfBounds {
    long index = readVarint(5);
    if (index < 0 || index >= size) {
      throw new OutOfBounds(
          what + " index " + index + " at " + where() + " is outside [0, " + size + ")");
    }
    return (int) index;
  }

  /** Reads a length and checks that many bytes remain. */
  private int length(String what) throws OutOfBounds {
    long length = readVarint(10);
    if (length < 0 || length > remaining()) {
      throw new OutOfBounds(
          what + " " + length + " at " + where() + " but only " + remaining() + " bytes left");
    }
    return (int) length;
  }

  private void skip(int count) throws OutOfBounds {
    if (count > remaining()) {
      throw new OutOfBounds(
          "data ends at " + where() + ": " + count + " bytes needed, " + remaining() + " left");
    }
    position += count;
  }

  /** Reads a zig-zag varint of at most {@code maxBytes} bytes. */
  private long readVarint(int maxBytes) throws OutOfBounds {
    long raw = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (position >= end) {
        throw new OutOfBounds("data ends inside a number at " + where());
      }
      int b = data[position++] & 0xff;
      raw |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new OutOfBounds("number longer than " + maxBytes + " bytes at " + where());
  }

  private int remaining() {
    return end - position;
  }

  private String where() {
    if (depth == 0) {
      return "the top level";
    }
    StringBuilder joined = new StringBuilder("field '");
    for (int i = 0; i < depth; i++) {
      if (i > 0 && !path[i].startsWith("[") && !path[i].startsWith("{")) {
        joined.append('.');
      }
      joined.append(path[i]);
    }
    return joined.append('\'').toString();
  }
}
