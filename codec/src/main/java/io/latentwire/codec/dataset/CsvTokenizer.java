package io.latentwire.codec.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits RFC 4180 text into records of fields: fields separated by commas, records by CRLF, LF or
 * CR; a field in double quotes may hold commas, line breaks and doubled quotes. A quote inside an
 * unquoted field is kept as a literal character (common in real files, e.g. {@code 5" screen}).
 * Lines with no characters at all are skipped. A leading byte order mark is ignored. Input must be
 * valid UTF-8.
 */
final class CsvTokenizer implements Closeable {

  /**
   * A longer field almost always means an unbalanced quote swallowing the rest of the file; stop
   * early instead of buffering it all.
   */
  static final int MAX_FIELD_CHARS = 16 * 1024 * 1024;

  private static final int EOF = -1;

  private final Reader in;
  private final Path file;
  private final char[] buffer = new char[1 << 16];
  private final StringBuilder field = new StringBuilder();
  private int pos;
  private int limit;
  private boolean endOfInput;
  private long line = 1;
  private long recordLine;

  /** Takes ownership of {@code input}: {@link #close()} closes it. */
  CsvTokenizer(InputStream input, Path file) {
    this.in =
        new InputStreamReader(
            input,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    this.file = file;
    if (peek() == '\uFEFF') {
      read();
    }
  }

  /** 1-based line on which the record last returned by {@link #next} starts. */
  long recordLine() {
    return recordLine;
  }

  /**
   * Reads the next record into {@code fields} (cleared first).
   *
   * @return {@code false} at the end of the input
   */
  boolean next(List<String> fields) {
    fields.clear();
    int c = peek();
    while (c == '\n' || c == '\r') {
      consumeLineBreak();
      c = peek();
    }
    if (c == EOF) {
      return false;
    }
    recordLine = line;
    while (!readField(fields)) {
      // one more field in this record
    }
    return true;
  }

  /** Reads one field and its terminator; returns whether the record ended. */
  private boolean readField(List<String> fields) {
    field.setLength(0);
    if (peek() == '"') {
      readQuoted();
    } else {
      int c = peek();
      while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
        append((char) read());
        c = peek();
      }
    }
    fields.add(field.toString());
    int c = peek();
    if (c == ',') {
      read();
      return false;
    }
    consumeLineBreak();
    return true;
  }

  private void readQuoted() {
    long startLine = line;
    read();
    while (true) {
      int c = read();
      if (c == EOF) {
        throw DataFormatException.in(file)
            .line(startLine)
            .problem(
                "a quoted field starting on this line has no closing quote before the file ends")
            .allowed(
                "quoted fields closed by '\"'; a quote inside a quoted field written as '\"\"'")
            .build();
      }
      if (c == '"') {
        if (peek() != '"') {
          break;
        }
        read();
      } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
      append((char) c);
    }
    int after = peek();
    if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
      throw DataFormatException.in(file)
          .line(line)
          .value(String.valueOf((char) after))
          .problem(
              "follows the closing quote of a quoted field (record starting on line "
                  + recordLine
                  + ")")
          .allowed("a comma or a line break after a closing quote; '\"\"' for a quote inside")
          .build();
    }
  }

  private void append(char c) {
    if (field.length() >= MAX_FIELD_CHARS) {
      throw DataFormatException.in(file)
          .line(recordLine)
          .problem(
              "a field in the record starting on this line is longer than "
                  + MAX_FIELD_CHARS
                  + " characters (an unbalanced quote?)")
          .allowed("fields up to " + MAX_FIELD_CHARS + " characters")
          .build();
    }
    field.append(c);
  }

  private void consumeLineBreak() {
    int c = peek();
    if (c == '\r') {
      read();
      if (peek() == '\n') {
        read();
      }
      line++;
    } else if (c == '\n') {
      read();
      line++;
    }
  }

  private int peek() {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buffer[pos];
  }

  private int read() {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buffer[pos++];
  }

  private boolean fill() {
    if (endOfInput) {
      return false;
    }
    try {
      int n;
      do {
        n = in.read(buffer, 0, buffer.length);
      } while (n == 0);
      if (n < 0) {
        endOfInput = true;
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    } catch (CharacterCodingException e) {
      throw DataFormatException.in(file)
          .line(line)
          .problem("the text is not valid UTF-8 (" + e.getMessage() + ")")
          .allowed("UTF-8 text, optionally starting with a byte order mark")
          .cause(e)
          .build();
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), file, e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // Only reading happened; nothing is lost when close fails.
    }
  }
}
