package io.latentwire.codec.dataset;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * An open input data set: one Avro record {@link Schema} and a single-pass stream of {@link
 * GenericRecord}s of that schema, whatever the file format. Records are read lazily, so files far
 * larger than memory can be streamed.
 *
 * <p>Open one with {@link Datasets#open(Path, DataFormat)}, or over a live Kafka topic with {@link
 * Datasets#openTopic(TopicQuery)}. The data set owns an open file handle: close it
 * (try-with-resources). Each returned record is a fresh object the caller may keep. {@link
 * #iterator()} may be called once; open the file again for another pass. Not thread-safe.
 *
 * <p>Bad content surfaces as {@link DataFormatException} (from {@code open} when the format is
 * validated up front, as for CSV, or from the iterator), I/O failures as {@link DatasetException}.
 */
public interface Dataset extends Iterable<GenericRecord>, AutoCloseable {

  /** The record schema every returned record has. Never {@code null}. */
  Schema schema();

  /** The format the file was read as. */
  DataFormat format();

  /**
   * The file the records come from; for a Kafka topic (see {@link Datasets#openTopic}) the
   * pseudo-path {@code topic/NAME}, so messages built from it still read well.
   */
  Path source();

  /**
   * 1-based number of the record most recently returned by the iterator; 0 before the first. Use it
   * to say where a record came from when it fails later in the pipeline.
   */
  long rowNumber();

  /**
   * Where the most recently returned record sits in the file, for messages: e.g. {@code "data.csv,
   * data row 12 (line 13)"} or {@code "train-images-idx3-ubyte.gz, image 12"}.
   */
  String position();

  /**
   * The records, in file order.
   *
   * @throws IllegalStateException when called a second time or after {@link #close()}
   */
  @Override
  Iterator<GenericRecord> iterator();

  /** The records as a sequential stream; same single-pass rules as {@link #iterator()}. */
  default Stream<GenericRecord> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Releases the file. Idempotent. I/O errors on close are not reported. */
  @Override
  void close();
}
