package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.ModelAnnouncement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes model bundles to the models topic, creating the topic when it is missing: one
 * partition, {@code cleanup.policy=compact} (one announcement kept per model id, forever) and a
 * {@code max.message.bytes} that fits the bundle. A topic that exists with a limit too small for a
 * new bundle has its limit raised; a topic that exists without compaction is refused, since
 * retention would delete models that old records still need.
 *
 * <p>Each call opens and closes its own clients; thread-safe, holds no resources between calls.
 */
public final class ModelPublisher {
  /** Room over the value size for the key, record and batch headers. */
  static final int HEADROOM_BYTES = 64 * 1024;

  /** Kafka's broker default {@code message.max.bytes}; never configure less. */
  static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  private final Map<String, Object> clientConfig;
  private final String topic;
  private final Duration timeout;

  /** The outcome of one publication. */
  public record Publication(
      ModelId modelId,
      String topic,
      int partition,
      long offset,
      int valueBytes,
      boolean signed,
      boolean topicCreated) {}

  /**
   * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
   * @param topic the models topic
   * @param timeout bound of each broker operation
   */
  public ModelPublisher(Map<String, ?> clientConfig, String topic, Duration timeout) {
    this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
    this.topic = Objects.requireNonNull(topic, "topic");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Publishes {@code bundle} and waits until the broker has it (acks=all).
   *
   * @param description free text shown by {@code model list}; never null
   * @param signer signs the bundle id, or null to publish unsigned
   * @throws ModelRegistryException when the topic cannot be created or used, or the broker refuses
   *     the record; the message names the topic
   */
  public Publication publish(ModelBundle bundle, String description, ModelSigner signer) {
    ModelAnnouncement a = ModelAnnouncements.create(bundle, Instant.now(), description, signer);
    return publish(a);
  }

  /**
   * Publishes a ready-made announcement as is (tests use this to publish altered ones).
   *
   * @throws ModelRegistryException as {@link #publish(ModelBundle, String, ModelSigner)}
   */
  public Publication publish(ModelAnnouncement announcement) {
    byte[] key = announcement.getModelId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] value = ModelAnnouncements.serialize(announcement);
    int needed = maxMessageBytesFor(key.length + value.length);
    boolean created = ensureTopic(needed);
    Map<String, Object> p = new HashMap<>(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, needed);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2L * needed));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis() - 1, 999));
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "latentwire-model-publisher");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, key, value));
      RecordMetadata md = get(sent, "publish model " + announcement.getModelId() + " to " + topic);
      ModelId id = new ModelId(announcement.getModelId());
      return new Publication(
          id,
          topic,
          md.partition(),
          md.offset(),
          value.length,
          announcement.getSignature() != null,
          created);
    }
  }

  /**
   * Retracts a model: writes a tombstone, so decoders forget it and compaction removes the bundle.
   * Records encoded with it will no longer decode.
   */
  public void retract(ModelId id) {
    Map<String, Object> p = new HashMap<>(clientConfig);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      get(
          producer.send(new ProducerRecord<>(topic, ModelAnnouncements.key(id), null)),
          "retract model " + id.hex() + " on " + topic);
    }
  }

  /** The {@code max.message.bytes} a record of {@code recordBytes} needs. */
  static int maxMessageBytesFor(long recordBytes) {
    long needed = recordBytes + HEADROOM_BYTES + recordBytes / 64;
    if (needed > Integer.MAX_VALUE / 2) {
      throw new ModelRegistryException(
          "a model bundle of " + recordBytes + " bytes is too large to publish to Kafka");
    }
    return (int) Math.max(needed, KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
  }

  /** Creates the topic, or checks and (if needed) raises its limit; true when created. */
  private boolean ensureTopic(int maxMessageBytes) {
    Map<String, Object> adminConfig = new HashMap<>(clientConfig);
    adminConfig.putIfAbsent("default.api.timeout.ms", (int) timeout.toMillis());
    try (Admin admin = Admin.create(adminConfig)) {
      Optional<Config> existing = describe(admin);
      if (existing.isEmpty()) {
        NewTopic t =
            new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(
                    Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(maxMessageBytes)));
        try {
          get(admin.createTopics(List.of(t)).all(), "create models topic " + topic);
          return true;
        } catch (ModelRegistryException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          existing = describe(admin); // created meanwhile by another publisher
          if (existing.isEmpty()) {
            throw e;
          }
        }
      }
      checkAndRaise(admin, existing.get(), maxMessageBytes);
      return false;
    }
  }

  private Optional<Config> describe(Admin admin) {
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try {
      return Optional.of(
          get(admin.describeConfigs(List.of(r)).values().get(r), "describe " + topic));
    } catch (ModelRegistryException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void checkAndRaise(Admin admin, Config config, int maxMessageBytes) {
    ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      throw new ModelRegistryException(
          "the models topic "
              + topic
              + " exists with cleanup.policy="
              + (policy == null ? "?" : policy.value())
              + "; it must be compact (retention would delete models that old records need)."
              + " Set it with kafka-configs --alter --add-config cleanup.policy=compact");
    }
    ConfigEntry limit = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
    long current = limit == null ? 0 : Long.parseLong(limit.value());
    if (current < maxMessageBytes) {
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      AlterConfigOp op =
          new AlterConfigOp(
              new ConfigEntry(
                  TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)),
              AlterConfigOp.OpType.SET);
      get(
          admin.incrementalAlterConfigs(Map.of(r, List.of(op))).all(),
          "raise max.message.bytes of " + topic + " to " + maxMessageBytes);
    }
  }

  private <T> T get(KafkaFuture<T> future, String what) {
    return get((Future<T>) future, what);
  }

  private <T> T get(Future<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new ModelRegistryException(
          what + " failed: " + c.getClass().getSimpleName() + ": " + c.getMessage(), c);
    } catch (TimeoutException e) {
      throw new ModelRegistryException(what + ": no answer from the broker within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelRegistryException(what + ": interrupted", e);
    }
  }
}
