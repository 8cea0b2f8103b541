package io.latentwire.codec.dataset;

import io.latentwire.codec.dataset.NumberText.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file read in two passes: {@link #open} reads the whole file once to infer column types and
 * validate every row, so bad input fails before any record is consumed; iteration reads it again
 * and builds the records. Memory stays proportional to one row.
 *
 * <p>Typing rules: a column whose value in the first data row is a number is numeric, otherwise
 * {@code string}. A numeric column is {@code long} when every value is an integer literal, else
 * {@code double}; every value in it must be a finite number.
 */
final class CsvDataset extends AbstractDataset {

  private static final Logger LOG = LoggerFactory.getLogger(CsvDataset.class);

  static final String NUMBER_ALLOWED =
      "a finite number (like 42, -0.5 or 1.5e-3) in every row of a numeric column; a column is"
          + " numeric when its value in the first data row is a number";

  private final List<String> columns;
  private final Schema.Type[] types;
  private final CsvTokenizer tokenizer;
  private final List<String> fields = new ArrayList<>();
  private long readLine;
  private long returnedLine;

  private CsvDataset(Path file, Layout layout) {
    super(file, DataFormat.CSV, layout.schema());
    this.columns = layout.columns();
    this.types = layout.types().toArray(new Schema.Type[0]);
    this.tokenizer = new CsvTokenizer(openStream(file), file);
    try {
      List<String> header = new ArrayList<>();
      if (!tokenizer.next(header) || !header.equals(columns)) {
        throw new DatasetException(
            file + " changed while it was being read: its header differs between two reads", file);
      }
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** Infers the schema (first pass, validating every row) and opens the file for reading. */
  static CsvDataset open(Path file) {
    return new CsvDataset(file, infer(file));
  }

  @Override
  protected GenericRecord readNext() {
    if (!tokenizer.next(fields)) {
      return null;
    }
    long row = rowNumber() + 1;
    readLine = tokenizer.recordLine();
    checkFieldCount(source(), row, readLine, columns.size(), fields.size());
    GenericData.Record record = new GenericData.Record(schema());
    for (int i = 0; i < types.length; i++) {
      String value = fields.get(i);
      record.put(i, convert(value, types[i], row, i));
    }
    return record;
  }

  private Object convert(String value, Schema.Type type, long row, int column) {
    try {
      return switch (type) {
        case LONG -> NumberText.parseLong(value);
        case DOUBLE -> NumberText.parseDouble(value);
        default -> value;
      };
    } catch (NumberFormatException e) {
      // The first pass accepted this file, so it was modified in between.
      throw DataFormatException.in(source())
          .row(row)
          .line(readLine)
          .column(columns.get(column))
          .value(value)
          .problem("is not a number (the file changed while it was being read)")
          .allowed(NUMBER_ALLOWED)
          .cause(e)
          .build();
    }
  }

  @Override
  protected void onRecordReturned() {
    returnedLine = readLine;
  }

  @Override
  public String position() {
    return source() + ", data row " + rowNumber() + " (line " + returnedLine + ")";
  }

  @Override
  protected void release() {
    tokenizer.close();
  }

  /** Column names, their Avro types and the schema built from them. */
  record Layout(List<String> columns, List<Schema.Type> types, Schema schema, long rows) {}

  /** The first pass: reads every row, infers the column types and validates the values. */
  static Layout infer(Path file) {
    try (CsvTokenizer tokenizer = new CsvTokenizer(openStream(file), file)) {
      List<String> columns = new ArrayList<>();
      if (!tokenizer.next(columns)) {
        throw new DatasetException(
            file
                + " is empty; a CSV data set needs a header row of column names and at least one"
                + " data row",
            file);
      }
      checkUniqueColumns(file, tokenizer.recordLine(), columns);
      int n = columns.size();
      List<String> fields = new ArrayList<>(n);
      if (!tokenizer.next(fields)) {
        throw new DatasetException(
            file
                + " has a header row ("
                + n
                + " columns) but no data rows; at least one data row"
                + " is required",
            file);
      }
      checkFieldCount(file, 1, tokenizer.recordLine(), n, fields.size());
      ColumnStats[] stats = new ColumnStats[n];
      for (int i = 0; i < n; i++) {
        stats[i] = new ColumnStats(fields.get(i));
      }
      long row = 0;
      do {
        row++;
        if (row > 1) {
          checkFieldCount(file, row, tokenizer.recordLine(), n, fields.size());
        }
        for (int i = 0; i < n; i++) {
          stats[i].accept(file, row, tokenizer.recordLine(), columns.get(i), fields.get(i));
        }
      } while (tokenizer.next(fields));

      List<Schema.Type> types = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        types.add(stats[i].type());
        stats[i].warnIfLooksNumeric(file, columns.get(i));
      }
      return new Layout(
          List.copyOf(columns), List.copyOf(types), CsvSchemas.recordSchema(columns, types), row);
    }
  }

  /** Type evidence for one column, gathered row by row. */
  private static final class ColumnStats {
    private final String firstValue;
    private final boolean numeric;
    private boolean allIntegers = true;
    private boolean laterValuesAllNumbers = true;
    private boolean sawLaterValues;

    ColumnStats(String firstValue) {
      this.firstValue = firstValue;
      this.numeric = NumberText.classify(firstValue) != Kind.NOT_A_NUMBER;
    }

    void accept(Path file, long row, long line, String column, String value) {
      if (!numeric) {
        if (row > 1 && laterValuesAllNumbers) {
          sawLaterValues = true;
          Kind kind = NumberText.classify(value);
          laterValuesAllNumbers = kind == Kind.INTEGER || kind == Kind.DECIMAL;
        }
        return;
      }
      Kind kind = NumberText.classify(value);
      switch (kind) {
        case INTEGER -> {}
        case DECIMAL -> allIntegers = false;
        case NON_FINITE ->
            throw badNumber(file, row, line, column, value)
                .problem("is not a finite number: NaN and infinities are not allowed")
                .build();
        case NOT_A_NUMBER ->
            throw badNumber(file, row, line, column, value)
                .problem(
                    value.isBlank()
                        ? "is empty (a missing value), but the column is numeric: its value in"
                            + " data row 1 is "
                            + DataFormatException.quoteForMessage(firstValue)
                        : "is not a number, but the column is numeric: its value in data row 1 is "
                            + DataFormatException.quoteForMessage(firstValue))
                .build();
      }
    }

    private static DataFormatException.Builder badNumber(
        Path file, long row, long line, String column, String value) {
      return DataFormatException.in(file)
          .row(row)
          .line(line)
          .column(column)
          .value(value)
          .allowed(NUMBER_ALLOWED);
    }

    Schema.Type type() {
      if (!numeric) {
        return Schema.Type.STRING;
      }
      return allIntegers ? Schema.Type.LONG : Schema.Type.DOUBLE;
    }

    /** Typing looks at the first row only; say so when that probably made the wrong call. */
    void warnIfLooksNumeric(Path file, String column) {
      if (!numeric && sawLaterValues && laterValuesAllNumbers) {
        LOG.warn(
            "{}: column '{}' is read as text because its value in data row 1 ({}) is not a"
                + " number, although every later value is; fix data row 1 to make it numeric",
            file,
            column,
            DataFormatException.quoteForMessage(firstValue));
      }
    }
  }

  private static void checkUniqueColumns(Path file, long headerLine, List<String> columns) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      Integer previous = seen.putIfAbsent(columns.get(i), i + 1);
      if (previous != null) {
        throw DataFormatException.in(file)
            .line(headerLine)
            .column(columns.get(i))
            .problem(
                "the header names column '"
                    + columns.get(i)
                    + "' twice (columns "
                    + previous
                    + " and "
                    + (i + 1)
                    + ")")
            .allowed("unique column names in the header row")
            .build();
      }
    }
  }

  private static void checkFieldCount(Path file, long row, long line, int expected, int actual) {
    if (actual != expected) {
      throw DataFormatException.in(file)
          .row(row)
          .line(line)
          .problem("the row has " + actual + " fields but the header has " + expected + " columns")
          .allowed(
              "exactly "
                  + expected
                  + " comma-separated fields per row; quote fields that contain commas")
          .build();
    }
  }

  private static InputStream openStream(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new DatasetException("cannot open " + file + ": " + e, file, e);
    }
  }
}
