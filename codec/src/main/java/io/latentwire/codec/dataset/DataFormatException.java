package io.latentwire.codec.dataset;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Content of a data set file breaks the rules of its format: a non-numeric value in a numeric CSV
 * column, a ragged row, a truncated IDX file, a corrupt Avro block.
 *
 * <p>The message names the file, where the problem is (data row and line, column, byte offset, as
 * far as they apply), the offending value, and what is allowed. The same context is available as
 * structured fields for callers that route bad input elsewhere.
 *
 * <p>Build one with {@link #in(Path)}.
 */
public final class DataFormatException extends DatasetException {

  /** Values longer than this are cut in messages, so one huge field cannot flood a log. */
  private static final int MAX_VALUE_CHARS = 80;

  private final long row;
  private final long line;
  private final long byteOffset;
  private final String column;
  private final String value;

  private DataFormatException(Builder b) {
    super(b.message(), b.file, b.cause);
    this.row = b.row;
    this.line = b.line;
    this.byteOffset = b.byteOffset;
    this.column = b.column;
    this.value = b.value;
  }

  /**
   * Starts describing a problem in {@code file}.
   *
   * @param file the file with the bad content; may be {@code null} for an anonymous stream
   */
  public static Builder in(Path file) {
    return new Builder(file);
  }

  /** 1-based number of the data row or record concerned (header excluded), if known. */
  public OptionalLong row() {
    return row > 0 ? OptionalLong.of(row) : OptionalLong.empty();
  }

  /** 1-based text line where the row starts, if the format has lines. */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }

  /** 0-based byte offset of the problem, for binary formats (uncompressed offset for gzip). */
  public OptionalLong byteOffset() {
    return byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty();
  }

  /** Name of the column or field concerned, as written in the file, if any. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  /** The offending value, verbatim (not cut), if any. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  /** Collects the context of one problem; {@link #build()} makes the message from it. */
  public static final class Builder {
    private final Path file;
    private long row = -1;
    private String rowNoun = "data row";
    private long line = -1;
    private long byteOffset = -1;
    private String column;
    private String value;
    private String problem = "malformed content";
    private String allowed;
    private Throwable cause;

    private Builder(Path file) {
      this.file = file;
    }

    /** 1-based data row or record number. */
    public Builder row(long row) {
      this.row = row;
      return this;
    }

    /** What a row is called in this format, for the message: "data row" unless set. */
    public Builder rowNoun(String rowNoun) {
      this.rowNoun = rowNoun;
      return this;
    }

    /** 1-based line number where the row starts. */
    public Builder line(long line) {
      this.line = line;
      return this;
    }

    /** 0-based byte offset. */
    public Builder byteOffset(long byteOffset) {
      this.byteOffset = byteOffset;
      return this;
    }

    /** Column or field name as in the file. */
    public Builder column(String column) {
      this.column = column;
      return this;
    }

    /** The offending value. */
    public Builder value(String value) {
      this.value = value;
      return this;
    }

    /** What is wrong, e.g. {@code "is not a number"}. */
    public Builder problem(String problem) {
      this.problem = problem;
      return this;
    }

    /** What would have been accepted. */
    public Builder allowed(String allowed) {
      this.allowed = allowed;
      return this;
    }

    /** The low-level failure behind the problem. */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public DataFormatException build() {
      return new DataFormatException(this);
    }

    private String message() {
      StringBuilder sb = new StringBuilder();
      sb.append(file == null ? "<stream>" : file.toString());
      StringBuilder where = new StringBuilder();
      if (row > 0) {
        where.append(rowNoun).append(' ').append(row);
        if (line > 0) {
          where.append(" (line ").append(line).append(')');
        }
      } else if (line > 0) {
        where.append("line ").append(line);
      }
      if (byteOffset >= 0) {
        appendSeparator(where).append("byte offset ").append(byteOffset);
      }
      if (column != null) {
        appendSeparator(where).append("column '").append(column).append('\'');
      }
      if (where.length() > 0) {
        sb.append(", ").append(where);
      }
      sb.append(": ");
      if (value != null) {
        sb.append("value ").append(quoteForMessage(value)).append(' ');
      }
      sb.append(problem);
      if (allowed != null) {
        sb.append("; allowed: ").append(allowed);
      }
      return sb.toString();
    }

    private static StringBuilder appendSeparator(StringBuilder sb) {
      return sb.length() > 0 ? sb.append(", ") : sb;
    }
  }

  /** Quotes a value for a one-line message: control characters escaped, long values cut. */
  static String quoteForMessage(String value) {
    StringBuilder sb = new StringBuilder("'");
    int limit = Math.min(value.length(), MAX_VALUE_CHARS);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    sb.append('\'');
    if (value.length() > limit) {
      sb.append("... (").append(value.length()).append(" chars)");
    }
    return sb.toString();
  }
}
