package io.latentwire.ops.eos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading topics from the start, without a consumer group, in the test's own JVM. */
final class TopicReads {
  private TopicReads() {}

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, IsolationLevel isolation) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
    List<TopicPartition> tps = new ArrayList<>();
    for (String t : topics) {
      consumer.partitionsFor(t).forEach(p -> tps.add(new TopicPartition(t, p.partition())));
    }
    return tps;
  }

  /**
   * Every record of {@code topic} up to its end (for read_committed, the last stable offset), in
   * partition order and, within a partition, offset order.
   */
  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, IsolationLevel isolation) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, isolation)) {
      List<TopicPartition> tps = partitions(consumer, List.of(topic));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    out.sort(
        (a, b) ->
            a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
    return out;
  }

  /**
   * Counts the records of some topics on a background thread, as a read_committed consumer and as a
   * read_uncommitted one would see them: the difference is what sits in open or aborted
   * transactions.
   */
  static final class Counter implements AutoCloseable {
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong uncommitted = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;

    Counter(String bootstrap, List<String> topics) {
      thread =
          new Thread(
              () -> {
                try (KafkaConsumer<byte[], byte[]> rc =
                        consumer(bootstrap, IsolationLevel.READ_COMMITTED);
                    KafkaConsumer<byte[], byte[]> ru =
                        consumer(bootstrap, IsolationLevel.READ_UNCOMMITTED)) {
                  for (KafkaConsumer<byte[], byte[]> c : List.of(rc, ru)) {
                    List<TopicPartition> tps = partitions(c, topics);
                    c.assign(tps);
                    c.seekToBeginning(tps);
                  }
                  while (!stop) {
                    committed.addAndGet(rc.poll(Duration.ofMillis(50)).count());
                    uncommitted.addAndGet(ru.poll(Duration.ofMillis(50)).count());
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "output-counter");
      thread.setDaemon(true);
      thread.start();
    }

    long committed() {
      check();
      return committed.get();
    }

    long uncommitted() {
      check();
      return uncommitted.get();
    }

    private void check() {
      if (failure.get() != null) {
        throw new IllegalStateException("output counter failed", failure.get());
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join(10_000);
    }
  }
}
