package io.latentwire.streams.sample;

import io.latentwire.codec.dataset.DatasetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads fixed offset spans {@code [start, stop)} of some partitions with one consumer, a poll batch
 * at a time, and stops when every partition's position has reached its stop offset (a position, not
 * the last record's offset, so transaction markers and aborted records at the end do not stall it).
 * Fails when no partition progresses for the timeout: a broker that went away must not hang the
 * trainer.
 */
final class PartitionReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> stops;
  private final Set<TopicPartition> remaining;
  private final Duration timeout;
  private final String what;
  private Iterator<ConsumerRecord<byte[], byte[]>> batch = Collections.emptyIterator();

  /**
   * Assigns the consumer to the non-empty spans and seeks to their starts.
   *
   * @param spans partition to {start, stop}
   * @param what the topic, for messages
   */
  PartitionReader(
      Consumer<byte[], byte[]> consumer,
      Map<TopicPartition, long[]> spans,
      Duration timeout,
      String what) {
    this.consumer = consumer;
    this.timeout = timeout;
    this.what = what;
    this.stops = new HashMap<>();
    List<TopicPartition> assigned = new ArrayList<>();
    spans.forEach(
        (tp, span) -> {
          if (span[0] < span[1]) {
            stops.put(tp, span[1]);
            assigned.add(tp);
          }
        });
    this.remaining = new HashSet<>(assigned);
    consumer.assign(assigned);
    // assign() keeps the state of partitions that were assigned already, pauses included: a
    // second read with the same consumer must resume them.
    consumer.resume(assigned);
    for (TopicPartition tp : assigned) {
      consumer.seek(tp, spans.get(tp)[0]);
    }
  }

  /** The next record inside the spans, or {@code null} when every span has been read. */
  ConsumerRecord<byte[], byte[]> next() {
    long idleSince = System.nanoTime();
    while (true) {
      while (batch.hasNext()) {
        ConsumerRecord<byte[], byte[]> r = batch.next();
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Long stop = stops.get(tp);
        if (stop != null && r.offset() < stop) {
          return r;
        }
      }
      if (remaining.isEmpty()) {
        return null;
      }
      ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
      boolean progressed = !polled.isEmpty();
      for (TopicPartition tp : List.copyOf(remaining)) {
        if (consumer.position(tp, timeout) >= stops.get(tp)) {
          remaining.remove(tp);
          consumer.pause(List.of(tp));
          progressed = true;
        }
      }
      batch = polled.iterator();
      if (progressed) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
        throw new DatasetException(
            "no progress reading "
                + what
                + " for "
                + timeout.toSeconds()
                + " s; partitions still unread: "
                + remaining,
            null);
      }
    }
  }
}
