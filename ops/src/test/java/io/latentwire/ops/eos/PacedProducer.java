package io.latentwire.ops.eos;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces prepared values at a steady rate on a background thread, so that the app under test
 * processes a live stream (small batches, open transactions) when it is killed. Record {@code i}
 * has key {@code k-<i>}, timestamp {@code start + i} ms and header {@code seq=i}; the default
 * partitioner spreads the keys over the partitions. Timestamps are recent on purpose: the broker's
 * time-based retention (7 days) would delete old-stamped records under the test's feet.
 *
 * <p>Production can be held at a record index ({@link #allowUpTo}) so that a test can make sure the
 * stream is still live when it acts, however slowly the apps start on a loaded machine.
 */
final class PacedProducer implements AutoCloseable {
  static final String SEQ_HEADER = "seq";

  private final Thread thread;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stop;
  private volatile int allowed;

  private PacedProducer(
      String bootstrap, String topic, List<byte[]> values, int perSecond, int allowed) {
    this.allowed = allowed;
    thread =
        new Thread(
            () -> {
              try {
                run(bootstrap, topic, values, perSecond);
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "paced-producer-" + topic);
    thread.setDaemon(true);
  }

  static PacedProducer start(String bootstrap, String topic, List<byte[]> values, int perSecond) {
    return start(bootstrap, topic, values, perSecond, values.size());
  }

  /** Starts producing, holding before record {@code allowed} until {@link #allowUpTo} says more. */
  static PacedProducer start(
      String bootstrap, String topic, List<byte[]> values, int perSecond, int allowed) {
    PacedProducer p = new PacedProducer(bootstrap, topic, values, perSecond, allowed);
    p.thread.start();
    return p;
  }

  /** Lets production go on up to (not including) record {@code n}. */
  void allowUpTo(int n) {
    allowed = n;
  }

  static String key(int i) {
    return String.format("k-%06d", i);
  }

  private void run(String bootstrap, String topic, List<byte[]> values, int perSecond)
      throws InterruptedException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    long start = System.nanoTime();
    long baseTimestamp = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < values.size() && !stop; i++) {
        if (i >= allowed) {
          producer.flush();
          while (i >= allowed && !stop) {
            Thread.sleep(20);
          }
          // Pace from here on as if production had just started.
          start = System.nanoTime() - TimeUnit.SECONDS.toNanos(1) * i / perSecond;
        }
        long due = start + TimeUnit.SECONDS.toNanos(1) * i / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(SEQ_HEADER, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                baseTimestamp + i,
                key(i).getBytes(StandardCharsets.UTF_8),
                values.get(i),
                headers));
        sent.incrementAndGet();
      }
      producer.flush();
    }
  }

  int sent() {
    return sent.get();
  }

  /** Waits until every value was produced and acknowledged; throws what the thread threw. */
  void awaitDone(long timeoutMillis) throws InterruptedException {
    thread.join(timeoutMillis);
    if (failure.get() != null) {
      throw new IllegalStateException("producer failed", failure.get());
    }
    if (thread.isAlive()) {
      throw new IllegalStateException("producer not done after " + timeoutMillis + " ms");
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(10_000);
  }
}
