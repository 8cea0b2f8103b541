package io.latentwire.codec.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes records as CSV, the inverse of reading a CSV {@link Dataset}: a header of the original
 * column names ({@link CsvSchemas#columnName}) in the schema's field order, then one line per
 * record. Longs are written as integers, doubles and floats as the shortest text that reads back to
 * the same value (always with a fractional part, so the column stays a double column), strings
 * quoted only when they must be. Lines end with {@code \n}; no byte order mark. Reading a file this
 * class wrote and writing it again gives the same bytes.
 *
 * <p>Supported field types: {@code long}, {@code int}, {@code double}, {@code float}, {@code
 * boolean}, {@code string}, {@code enum}, and unions of one of these with {@code null} (written as
 * an empty field). Other types are refused when the writer is created. Values of logical types are
 * written as Avro stores them ({@code timestamp-millis} as epoch milliseconds), so reading the file
 * back gives the same numbers.
 *
 * <p>Owns the underlying writer: {@link #close()} closes it. Not thread-safe.
 */
public final class CsvWriter implements AutoCloseable {

  private static final String SUPPORTED =
      "long, int, double, float, boolean, string, enum, or a union of one of these with null";

  private final Writer out;
  private final Schema schema;
  private final List<Schema.Field> fields;
  private final Path file;
  private final Schema[] valueTypes;
  private final GenericData logicalTypes = io.latentwire.codec.mapping.AvroData.withLogicalTypes();
  private final StringBuilder line = new StringBuilder();
  private long rowsWritten;
  private boolean closed;

  /**
   * Writes to {@code out}, starting with the header line.
   *
   * @param out destination; owned by this writer from now on
   * @param schema record schema of the records to write
   * @throws DatasetException when a field's type cannot be written as CSV
   */
  public CsvWriter(Writer out, Schema schema) {
    this(out, schema, null);
  }

  private CsvWriter(Writer out, Schema schema, Path file) {
    this.out = out;
    this.schema = schema;
    this.file = file;
    if (schema.getType() != Schema.Type.RECORD) {
      throw new DatasetException(
          "cannot write CSV for schema of type " + schema.getType() + "; a record schema is needed",
          file);
    }
    this.fields = schema.getFields();
    this.valueTypes = new Schema[fields.size()];
    for (Schema.Field field : fields) {
      valueTypes[field.pos()] = supportedValueType(field);
    }
    for (Schema.Field field : fields) {
      if (field.pos() > 0) {
        line.append(',');
      }
      appendText(CsvSchemas.columnName(field));
    }
    endLine();
  }

  /**
   * Creates (or replaces) {@code file} as UTF-8 CSV and writes the header.
   *
   * @throws DatasetException when the file cannot be created or the schema has unsupported types
   */
  public static CsvWriter create(Path file, Schema schema) {
    BufferedWriter writer;
    try {
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException("cannot create " + file + ": " + e, file, e);
    }
    try {
      return new CsvWriter(writer, schema, file);
    } catch (RuntimeException e) {
      try {
        writer.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Writes one record as one line. The record's schema should be the writer's schema; a record of
   * another schema is read by field name.
   *
   * @throws DatasetException when a required value is missing, a double is NaN or infinite, or
   *     writing fails
   */
  public void write(GenericRecord record) {
    if (closed) {
      throw new IllegalStateException("CSV writer is closed");
    }
    boolean sameSchema = record.getSchema() == schema || record.getSchema().equals(schema);
    for (Schema.Field field : fields) {
      if (field.pos() > 0) {
        line.append(',');
      }
      Object value = sameSchema ? record.get(field.pos()) : record.get(field.name());
      appendValue(field, toRawType(value, valueTypes[field.pos()]));
    }
    endLine();
    rowsWritten++;
  }

  /** Number of records written so far (the header not counted). */
  public long rowsWritten() {
    return rowsWritten;
  }

  /** Flushes buffered lines to the destination. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  /** Flushes and closes the destination. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw writeFailed(e);
    }
  }

  private void appendValue(Schema.Field field, Object value) {
    if (value == null) {
      if (!isNullable(field.schema())) {
        throw new DatasetException(
            where() + "field '" + field.name() + "' is null but its type does not allow null",
            file);
      }
      return;
    }
    if (value instanceof Double d) {
      line.append(formatNumber(field, d, false));
    } else if (value instanceof Float f) {
      line.append(formatNumber(field, f, true));
    } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
      line.append(value);
    } else {
      String text = value.toString();
      // A lone empty field would read back as a blank line, which readers skip.
      if (text.isEmpty() && fields.size() == 1) {
        line.append("\"\"");
      } else {
        appendText(text);
      }
    }
  }

  private String formatNumber(Schema.Field field, double value, boolean isFloat) {
    if (!Double.isFinite(value)) {
      throw new DatasetException(
          where()
              + "field '"
              + field.name()
              + "' is "
              + value
              + "; CSV numeric columns hold finite numbers only",
          file);
    }
    return isFloat ? NumberText.formatFloat((float) value) : NumberText.formatDouble(value);
  }

  private void appendText(String text) {
    if (needsQuotes(text)) {
      line.append('"').append(text.replace("\"", "\"\"")).append('"');
    } else {
      line.append(text);
    }
  }

  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    // A leading byte order mark would be stripped when read back.
    return text.startsWith("\uFEFF");
  }

  private void endLine() {
    line.append('\n');
    try {
      out.write(line.toString());
    } catch (IOException e) {
      throw writeFailed(e);
    } finally {
      line.setLength(0);
    }
  }

  private String where() {
    return (file == null ? "" : file + ", ") + "record " + (rowsWritten + 1) + ": ";
  }

  private DatasetException writeFailed(IOException e) {
    return new DatasetException(
        "cannot write CSV" + (file == null ? "" : " to " + file) + ": " + e, file, e);
  }

  /** Values of logical types (an {@code Instant} for timestamp-millis...) as Avro stores them. */
  private Object toRawType(Object value, Schema type) {
    LogicalType logicalType = type.getLogicalType();
    if (value == null || logicalType == null) {
      return value;
    }
    Conversion<Object> conversion = logicalTypes.getConversionByClass(classOf(value), logicalType);
    return conversion == null
        ? value
        : Conversions.convertToRawType(value, type, logicalType, conversion);
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> classOf(Object value) {
    return (Class<Object>) value.getClass();
  }

  /** The field's type without its null branch; refuses types a CSV column cannot hold. */
  private Schema supportedValueType(Schema.Field field) {
    Schema type = field.schema();
    if (type.getType() == Schema.Type.UNION) {
      List<Schema> branches = type.getTypes();
      Schema nonNull = null;
      for (Schema branch : branches) {
        if (branch.getType() != Schema.Type.NULL) {
          nonNull = nonNull == null ? branch : type;
        }
      }
      if (nonNull == null || nonNull == type || branches.size() > 2) {
        throw unsupported(field);
      }
      type = nonNull;
    }
    return switch (type.getType()) {
      case LONG, INT, DOUBLE, FLOAT, BOOLEAN, STRING, ENUM -> type;
      default -> throw unsupported(field);
    };
  }

  private DatasetException unsupported(Schema.Field field) {
    return new DatasetException(
        "field '"
            + field.name()
            + "' has type "
            + field.schema()
            + ", which a CSV column cannot hold; supported: "
            + SUPPORTED,
        file);
  }

  private static boolean isNullable(Schema type) {
    if (type.getType() == Schema.Type.NULL) {
      return true;
    }
    if (type.getType() == Schema.Type.UNION) {
      for (Schema branch : type.getTypes()) {
        if (branch.getType() == Schema.Type.NULL) {
          return true;
        }
      }
    }
    return false;
  }
}
