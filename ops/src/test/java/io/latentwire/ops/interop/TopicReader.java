package io.latentwire.ops.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Java side of the interop checks: reads a topic as Kafka's own consumer sees it. */
public final class TopicReader {
  private TopicReader() {}

  /**
   * Reads {@code topic} from the beginning with a read_committed consumer until {@code expected}
   * records have arrived, then for a short grace period so that extra (duplicate) records would be
   * seen too.
   *
   * @return the records sorted by partition, then offset
   * @throws AssertionError when fewer than {@code expected} arrive within {@code timeout}
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrapServers, String topic, int expected, Duration timeout) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "latentwire-interop-check-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (out.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "read "
                  + out.size()
                  + " of "
                  + expected
                  + " records from "
                  + topic
                  + " within "
                  + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // A duplicate would arrive right behind the records we waited for.
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    out.sort(
        Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset));
    return out;
  }
}
