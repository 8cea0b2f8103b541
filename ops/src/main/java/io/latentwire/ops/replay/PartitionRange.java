package io.latentwire.ops.replay;

import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one partition to replay: {@code [start, end)}.
 *
 * @param partition the partition
 * @param start first offset read
 * @param end first offset not read; {@code end - start} bounds the record count (transaction
 *     markers and aborted records take offsets too)
 */
public record PartitionRange(TopicPartition partition, long start, long end) {
  public long size() {
    return Math.max(0, end - start);
  }
}
