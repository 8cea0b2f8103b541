package io.latentwire.codec.dataset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * How CSV columns map to Avro: the record schema a CSV file is read as, and the way back from a
 * schema to column names.
 *
 * <p>The schema is a record {@value #RECORD_NAME} in namespace {@value #NAMESPACE} with the
 * property {@value #SOURCE_PROPERTY}{@code ="}{@value #SOURCE_CSV}{@code "}; one field per column,
 * in file order, typed {@code long}, {@code double} or {@code string}. Column names that are not
 * valid Avro names get a sanitised field name; every field carries its column name, verbatim, in
 * the property {@value #COLUMN_PROPERTY}.
 */
public final class CsvSchemas {

  /** Field property holding the column name exactly as in the CSV header. */
  public static final String COLUMN_PROPERTY = "latentwire.column";

  /** Record property saying which kind of file the schema was derived from. */
  public static final String SOURCE_PROPERTY = "latentwire.source";

  /** Value of {@link #SOURCE_PROPERTY} for schemas inferred from CSV. */
  public static final String SOURCE_CSV = "csv";

  /** Name of the record schema inferred from a CSV file. */
  public static final String RECORD_NAME = "CsvRecord";

  /** Namespace of schemas latentwire derives from data files. */
  public static final String NAMESPACE = "io.latentwire.dataset";

  private CsvSchemas() {}

  /**
   * The record schema for the given columns.
   *
   * @param columns column names as in the header, unique
   * @param types one of {@code LONG}, {@code DOUBLE}, {@code STRING} per column
   */
  static Schema recordSchema(List<String> columns, List<Schema.Type> types) {
    List<String> fieldNames = fieldNames(columns);
    List<Schema.Field> fields = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Schema.Field field =
          new Schema.Field(fieldNames.get(i), Schema.create(types.get(i)), null, (Object) null);
      field.addProp(COLUMN_PROPERTY, columns.get(i));
      fields.add(field);
    }
    Schema schema =
        Schema.createRecord(
            RECORD_NAME,
            "A row of a CSV file; field types inferred from the data.",
            NAMESPACE,
            false,
            fields);
    schema.addProp(SOURCE_PROPERTY, SOURCE_CSV);
    return schema;
  }

  /**
   * The CSV column name of a field: its {@value #COLUMN_PROPERTY} property if present, else the
   * field name.
   */
  public static String columnName(Schema.Field field) {
    String column = field.getProp(COLUMN_PROPERTY);
    return column != null ? column : field.name();
  }

  /** The column names of a record schema, in field order. */
  public static List<String> columnNames(Schema recordSchema) {
    List<String> names = new ArrayList<>(recordSchema.getFields().size());
    for (Schema.Field field : recordSchema.getFields()) {
      names.add(columnName(field));
    }
    return names;
  }

  /**
   * Avro field names for the columns: valid names are kept; the others have each character outside
   * {@code [A-Za-z0-9_]} replaced by {@code _}, a {@code _} prefixed when they start with a digit
   * or are empty, and a {@code _2}, {@code _3}... suffix when the result is taken.
   */
  static List<String> fieldNames(List<String> columns) {
    Set<String> taken = new HashSet<>();
    for (String column : columns) {
      if (isValidName(column)) {
        taken.add(column);
      }
    }
    List<String> names = new ArrayList<>(columns.size());
    for (String column : columns) {
      if (isValidName(column)) {
        names.add(column);
        continue;
      }
      String base = sanitise(column);
      String name = base;
      for (int suffix = 2; taken.contains(name); suffix++) {
        name = base + "_" + suffix;
      }
      taken.add(name);
      names.add(name);
    }
    return names;
  }

  private static String sanitise(String column) {
    StringBuilder sb = new StringBuilder(column.length() + 1);
    for (int i = 0; i < column.length(); i++) {
      char c = column.charAt(i);
      sb.append(isNameChar(c) ? c : '_');
    }
    if (sb.length() == 0 || isDigit(sb.charAt(0))) {
      sb.insert(0, '_');
    }
    return sb.toString();
  }

  /** Strict Avro name rule, as every Avro implementation accepts it. */
  static boolean isValidName(String name) {
    if (name.isEmpty() || isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
