package io.latentwire.ops.replay;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where decoded records go. Records arrive in topic order per partition. A sink owns what it opens
 * (files, producer): {@link #finish()} makes the output complete and visible; {@link #close()}
 * without {@link #finish()} discards what it can (files are written to temporary names and only
 * renamed by finish). Not thread-safe.
 */
public interface ReplaySink extends AutoCloseable {
  /**
   * Writes one decoded record.
   *
   * @param source the latent record as read (key, timestamp, headers)
   * @param schemaId registry id of the record's writer schema
   * @throws ReplayException when the output cannot take it (e.g. a second schema for CSV)
   */
  void write(ConsumerRecord<byte[], byte[]> source, int schemaId, GenericRecord record);

  /**
   * A tombstone (null value) in the range.
   *
   * @return true when the sink wrote it (topics keep deletions), false when it skipped it (files)
   */
  boolean tombstone(ConsumerRecord<byte[], byte[]> source);

  /**
   * Completes the output.
   *
   * @return what was written, one line each, for the summary (e.g. file names and counts)
   */
  List<String> finish();

  @Override
  void close();
}
