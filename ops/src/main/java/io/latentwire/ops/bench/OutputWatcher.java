package io.latentwire.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads output topics the way a downstream user would (read_committed, so under exactly-once a
 * record counts when its transaction commits) and notes, per topic, how many records arrived, when
 * the first and last arrived, and optionally each record's latency: receive time minus the record's
 * timestamp, which Kafka Streams carries over from the input record's create time.
 *
 * <p>Values are not deserialized: counting must cost the measured apps as little CPU as possible.
 * Owns a consumer: close it.
 */
final class OutputWatcher implements AutoCloseable {
  /** What one topic received. */
  static final class TopicCount {
    long records;
    long firstNanos;
    long lastNanos;
    long[] latencies = new long[1024];
    int latencyCount;

    /** Records per second from the first to the last record received. */
    double firstToLastRate() {
      double seconds = (lastNanos - firstNanos) / 1e9;
      return records < 2 || seconds <= 0 ? Double.NaN : (records - 1) / seconds;
    }

    LatencySummary latency() {
      return LatencySummary.of(latencies, latencyCount);
    }

    private void addLatency(long millis) {
      if (latencyCount == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[latencyCount++] = millis;
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, TopicCount> counts = new LinkedHashMap<>();
  private long latencyFromTimestamp;

  /**
   * @param clientConfig bootstrap servers and security settings
   * @param latencyFromTimestamp records whose timestamp is below this (epoch ms) count but give no
   *     latency sample (warm-up); {@link Long#MAX_VALUE} for no latency at all
   */
  OutputWatcher(Map<String, Object> clientConfig, List<String> topics, long latencyFromTimestamp) {
    Map<String, Object> c = new HashMap<>(clientConfig);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "latentwire-bench-watch-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // A fetch returns as soon as one byte is there; the wait only bounds an idle poll.
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.latencyFromTimestamp = latencyFromTimestamp;
    for (String t : topics) {
      counts.put(t, new TopicCount());
    }
    consumer.subscribe(topics);
  }

  /** From now on, records whose timestamp is below {@code epochMillis} give no latency sample. */
  void latencyFrom(long epochMillis) {
    this.latencyFromTimestamp = epochMillis;
  }

  /** Polls until partitions are assigned, so no record produced afterwards can be missed. */
  void awaitAssignment(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (consumer.assignment().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new BenchException("no partition of " + counts.keySet() + " assigned in " + timeout);
      }
      poll();
    }
  }

  /**
   * Polls until every topic has received {@code expected.getAsLong()} records (re-read on every
   * poll: a producer may still be running), or fails.
   *
   * @param failure checked on every poll; a non-null message stops the wait with that error
   * @param progress called on every poll
   * @throws BenchException on timeout or failure, with the counts so far
   */
  void awaitAll(
      LongSupplier expected,
      Duration timeout,
      java.util.function.Supplier<String> failure,
      Runnable progress) {
    long deadline = System.nanoTime() + timeout.toNanos();
    BooleanSupplier done =
        () -> counts.values().stream().allMatch(t -> t.records >= expected.getAsLong());
    while (!done.getAsBoolean()) {
      String failed = failure.get();
      if (failed != null) {
        throw new BenchException(failed + "; received so far: " + describeCounts());
      }
      if (System.nanoTime() > deadline) {
        throw new BenchException(
            "timed out after "
                + timeout
                + " waiting for "
                + expected.getAsLong()
                + " records on each of "
                + counts.keySet()
                + "; received: "
                + describeCounts());
      }
      poll();
      progress.run();
    }
  }

  private void poll() {
    var records = consumer.poll(Duration.ofMillis(100));
    if (records.isEmpty()) {
      return;
    }
    long nanos = System.nanoTime();
    long millis = System.currentTimeMillis();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      TopicCount t = counts.get(r.topic());
      if (t.records == 0) {
        t.firstNanos = nanos;
      }
      t.records++;
      t.lastNanos = nanos;
      if (r.timestamp() >= latencyFromTimestamp) {
        t.addLatency(millis - r.timestamp());
      }
    }
  }

  TopicCount count(String topic) {
    return counts.get(topic);
  }

  long received(String topic) {
    return counts.get(topic).records;
  }

  Set<String> topics() {
    return counts.keySet();
  }

  String describeCounts() {
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k + " " + v.records));
    return String.join(", ", parts);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
