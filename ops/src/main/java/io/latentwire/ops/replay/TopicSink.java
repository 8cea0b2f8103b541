package io.latentwire.ops.replay;

import io.latentwire.streams.serde.GenericAvroSerializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decoded records onto a topic, as the decode app writes them: the Confluent wire format under the
 * record's original schema id, with the latent record's key, timestamp and headers. Idempotent
 * producer, acks=all; {@link #finish()} flushes and fails if any send failed. Tombstones are
 * forwarded (deletions stay deletions).
 */
final class TopicSink implements ReplaySink {
  private final String topic;
  private final GenericAvroSerializer serializer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long written;

  /**
   * @param clientConfig at least {@code bootstrap.servers}
   * @param serializer writes under the original schema id; its registry is not owned
   */
  TopicSink(Map<String, ?> clientConfig, String topic, GenericAvroSerializer serializer) {
    this.topic = topic;
    this.serializer = serializer;
    Map<String, Object> p = new HashMap<>(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "latentwire-replay");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> source, int schemaId, GenericRecord record) {
    send(source, serializer.serializeWithSchemaId(topic, schemaId, record));
  }

  @Override
  public boolean tombstone(ConsumerRecord<byte[], byte[]> source) {
    send(source, null);
    return true;
  }

  private void send(ConsumerRecord<byte[], byte[]> source, byte[] value) {
    checkFailure();
    producer.send(
        new ProducerRecord<>(
            topic, null, source.timestamp(), source.key(), value, source.headers()),
        (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
    written++;
  }

  @Override
  public List<String> finish() {
    producer.flush();
    checkFailure();
    return List.of("topic " + topic + ": " + written + " records");
  }

  @Override
  public void close() {
    producer.close();
  }

  private void checkFailure() {
    Exception e = failure.get();
    if (e != null) {
      throw new ReplayException("writing to topic " + topic + " failed: " + e.getMessage(), e);
    }
  }
}
