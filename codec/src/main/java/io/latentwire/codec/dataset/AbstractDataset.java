package io.latentwire.codec.dataset;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The single-pass iterator and close bookkeeping shared by every format. Subclasses only read the
 * next record.
 */
public abstract class AbstractDataset implements Dataset {

  private final Path source;
  private final DataFormat format;
  private final Schema schema;
  private boolean iterated;
  private boolean closed;
  private long rowNumber;

  /**
   * @param source the file, or a pseudo-path naming a non-file source (e.g. {@code topic/NAME})
   */
  protected AbstractDataset(Path source, DataFormat format, Schema schema) {
    this.source = source;
    this.format = format;
    this.schema = schema;
  }

  /** Reads the next record, or returns {@code null} at the end of the data. */
  protected abstract GenericRecord readNext();

  /**
   * Called when the record last read by {@link #readNext()} is handed to the caller. The iterator
   * may read one record ahead; formats that track a position copy it here.
   */
  protected void onRecordReturned() {}

  /** Releases the format's resources; called at most once. */
  protected abstract void release();

  @Override
  public final Schema schema() {
    return schema;
  }

  @Override
  public final DataFormat format() {
    return format;
  }

  @Override
  public final Path source() {
    return source;
  }

  @Override
  public final long rowNumber() {
    return rowNumber;
  }

  @Override
  public String position() {
    return source + ", record " + rowNumber;
  }

  @Override
  public final Iterator<GenericRecord> iterator() {
    if (closed) {
      throw new IllegalStateException("data set " + source + " is closed");
    }
    if (iterated) {
      throw new IllegalStateException(
          "data set " + source + " is single-pass and has already been iterated; open it again");
    }
    iterated = true;
    return new Iterator<>() {
      private GenericRecord next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          if (closed) {
            throw new IllegalStateException("data set " + source + " is closed");
          }
          next = readNext();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public GenericRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more records in " + source);
        }
        GenericRecord result = next;
        next = null;
        rowNumber++;
        onRecordReturned();
        return result;
      }
    };
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      release();
    }
  }
}
