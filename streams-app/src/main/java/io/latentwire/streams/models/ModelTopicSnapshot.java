package io.latentwire.streams.models;

import io.latentwire.schemas.ModelAnnouncement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The models topic as it is now: every key's latest announcement (tombstones remove a key), read
 * once from the beginning to the current end. For {@code model list} and {@code model show}; the
 * decoders use {@link ModelRegistry}, which keeps following the topic.
 */
public final class ModelTopicSnapshot {
  private ModelTopicSnapshot() {}

  /**
   * One key's latest value.
   *
   * @param key the record key (the full model id, if written by latentwire)
   * @param announcement the announcement, or null when the value could not be read
   * @param problem why the value could not be read; null when it could
   * @param valueBytes size of the value
   */
  public record Entry(
      String key,
      ModelAnnouncement announcement,
      String problem,
      int valueBytes,
      int partition,
      long offset,
      long timestamp) {}

  /**
   * Reads the topic.
   *
   * @return latest entry per key, in topic order; empty when the topic does not exist
   * @throws ModelRegistryException when the topic cannot be read to its end within {@code timeout}
   */
  public static List<Entry> read(Map<String, ?> clientConfig, String topic, Duration timeout) {
    Map<String, Object> c = new HashMap<>(clientConfig);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Entry> latest = new LinkedHashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return List.of();
      }
      List<TopicPartition> tps = new ArrayList<>();
      infos.forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new ModelRegistryException(
              "could not read the models topic " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            latest.remove(key);
            continue;
          }
          ModelAnnouncement a = null;
          String problem = null;
          try {
            a = ModelAnnouncements.deserialize(r.value());
          } catch (ModelRegistryException e) {
            problem = e.getMessage();
          }
          latest.remove(key); // keep topic order of the latest version
          latest.put(
              key,
              new Entry(
                  key, a, problem, r.value().length, r.partition(), r.offset(), r.timestamp()));
        }
      }
    }
    return List.copyOf(latest.values());
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
