package io.latentwire.streams.sample;

import java.util.Comparator;

/**
 * One record value as read from the topic, still in the wire format: the sample holds these (bytes,
 * not Avro objects) until the trainer asks for the records one by one.
 */
record RawRecord(int partition, long offset, long timestamp, int schemaId, byte[] value) {
  /** Oldest first; partition and offset break ties so the order is total and repeatable. */
  static final Comparator<RawRecord> BY_TIME =
      Comparator.comparingLong(RawRecord::timestamp)
          .thenComparingInt(RawRecord::partition)
          .thenComparingLong(RawRecord::offset);
}
