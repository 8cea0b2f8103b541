package io.latentwire.ops.bench;

import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces records to a raw topic in the Confluent wire format, zstd-compressed: either as fast as
 * it can ({@link #produceAll}) or at a fixed rate on its own thread ({@link #startPaced}), each
 * record stamped with its create time, which latency is measured from.
 */
final class PacedProducer {
  private final Map<String, Object> clientConfig;
  private final SchemaRegistryClient registry;

  /**
   * @param clientConfig bootstrap servers and security settings
   * @param registry shared, not owned
   */
  PacedProducer(Map<String, Object> clientConfig, SchemaRegistryClient registry) {
    this.clientConfig = clientConfig;
    this.registry = registry;
  }

  /** A paced run in progress. */
  static final class Paced {
    private final Thread thread;
    private volatile long sent;
    private volatile boolean finished;
    private volatile double seconds;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Paced(Runnable body) {
      this.thread = new Thread(body, "bench-paced-producer");
      this.thread.setDaemon(true);
    }

    long sent() {
      return sent;
    }

    /** Records that will have been produced once finished; {@link Long#MAX_VALUE} before. */
    long expected() {
      return finished ? sent : Long.MAX_VALUE;
    }

    double achievedRate() {
      return seconds > 0 ? sent / seconds : 0;
    }

    double seconds() {
      return seconds;
    }

    Throwable failure() {
      return failure.get();
    }

    void join() throws InterruptedException {
      thread.join();
    }
  }

  /**
   * Produces {@code count} records as fast as the producer takes them.
   *
   * @param progress called with the records sent so far, now and then
   */
  void produceAll(
      String topic,
      PipelineWorkload.RecordStream records,
      long count,
      java.util.function.LongConsumer progress) {
    GenericAvroSerializer serializer =
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    try (KafkaProducer<byte[], byte[]> producer = producer("20")) {
      for (long i = 0; i < count; i++) {
        send(producer, serializer, topic, records.next());
        if (i % 1000 == 999) {
          progress.accept(i + 1);
        }
      }
      producer.flush();
      progress.accept(count);
    }
  }

  /**
   * Starts producing at {@code rate} records/s for {@code duration} on a new thread. Records are
   * sent in 1 ms ticks, each tick catching up to {@code rate × elapsed}.
   */
  Paced startPaced(
      String topic, PipelineWorkload.RecordStream records, int rate, Duration duration) {
    Paced[] holder = new Paced[1];
    Paced paced =
        new Paced(
            () -> {
              Paced p = holder[0];
              GenericAvroSerializer serializer =
                  new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
              // linger 5 ms: the producer batches a few records per request, as a real client
              // at this rate would, and adds at most 5 ms to a record's latency.
              try (KafkaProducer<byte[], byte[]> producer = producer("5")) {
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                long sent = 0;
                for (long now = start; now < end; now = System.nanoTime()) {
                  long due = (long) ((now - start) / 1e9 * rate);
                  while (sent < due) {
                    send(producer, serializer, topic, records.next());
                    sent++;
                  }
                  p.sent = sent;
                  LockSupport.parkNanos(1_000_000L);
                }
                producer.flush();
                p.seconds = (System.nanoTime() - start) / 1e9;
                p.sent = sent;
              } catch (RuntimeException | Error e) {
                p.failure.set(e);
              } finally {
                p.finished = true;
              }
            });
    holder[0] = paced;
    paced.thread.start();
    return paced;
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer,
      GenericAvroSerializer serializer,
      String topic,
      PipelineWorkload.Keyed r) {
    byte[] value = serializer.serialize(topic, r.value());
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            System.currentTimeMillis(),
            r.key().getBytes(StandardCharsets.UTF_8),
            value));
  }

  private KafkaProducer<byte[], byte[]> producer(String lingerMs) {
    Map<String, Object> p = new HashMap<>(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // The baseline users have today: Kafka's own zstd on the raw topic.
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
