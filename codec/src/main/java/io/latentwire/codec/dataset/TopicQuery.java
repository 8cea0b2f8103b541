package io.latentwire.codec.dataset;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to read from a live Kafka topic holding Avro records in the Confluent wire format (magic
 * byte 0, 4-byte schema id, Avro binary): which topic, where the broker and the schema registry
 * are, and which records.
 *
 * <p>Records: the newest {@code sample} ones across partitions when a sample size is set, otherwise
 * all of them; restricted to timestamps in {@code [from, to)} when either bound is set; restricted
 * to writer schema {@code schemaId} when set (without it, a topic whose selected records have
 * several writer schemas is refused, naming the ids).
 *
 * @param topic topic name, non-blank
 * @param bootstrap Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param registryUrl schema registry base URL(s), comma-separated
 * @param sample newest records to take, or {@code null} for all selected records; {@code > 0}
 * @param from first timestamp included, or {@code null} for the beginning
 * @param to first timestamp excluded, or {@code null} for the end of the topic when opened
 * @param schemaId writer schema id to keep, or {@code null}
 * @param timeout how long to wait for the broker or the registry before failing
 * @param kafkaProperties extra client properties (security.protocol, sasl.*, ssl.*; keys starting
 *     with {@code schema.registry.} configure the registry client: basic auth, TLS); never null
 */
public record TopicQuery(
    String topic,
    String bootstrap,
    String registryUrl,
    Integer sample,
    Instant from,
    Instant to,
    Integer schemaId,
    Duration timeout,
    Map<String, String> kafkaProperties) {

  /** Default wait for the broker and the registry. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  public TopicQuery {
    requireText(topic, "--from-topic");
    requireText(bootstrap, "--bootstrap");
    requireText(registryUrl, "--registry");
    if (sample != null && sample < 1) {
      throw new IllegalArgumentException(
          "--sample must be a number of records >= 1, got " + sample);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException(
          "--from " + from + " must be before --to " + to + " (the range is [from, to))");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the Kafka timeout must be positive, got " + timeout);
    }
    kafkaProperties = Map.copyOf(kafkaProperties == null ? Map.of() : kafkaProperties);
  }

  /** A query for all records of {@code topic}, default timeout, no extra properties. */
  public static TopicQuery of(String topic, String bootstrap, String registryUrl) {
    return new TopicQuery(
        topic, bootstrap, registryUrl, null, null, null, null, DEFAULT_TIMEOUT, Map.of());
  }

  public TopicQuery withSample(Integer n) {
    return new TopicQuery(
        topic, bootstrap, registryUrl, n, from, to, schemaId, timeout, kafkaProperties);
  }

  public TopicQuery withRange(Instant from, Instant to) {
    return new TopicQuery(
        topic, bootstrap, registryUrl, sample, from, to, schemaId, timeout, kafkaProperties);
  }

  public TopicQuery withSchemaId(Integer id) {
    return new TopicQuery(
        topic, bootstrap, registryUrl, sample, from, to, id, timeout, kafkaProperties);
  }

  public TopicQuery withKafkaProperties(Map<String, String> properties) {
    return new TopicQuery(
        topic, bootstrap, registryUrl, sample, from, to, schemaId, timeout, properties);
  }

  public TopicQuery withTimeout(Duration t) {
    return new TopicQuery(
        topic, bootstrap, registryUrl, sample, from, to, schemaId, t, kafkaProperties);
  }

  public OptionalInt sampleSize() {
    return sample == null ? OptionalInt.empty() : OptionalInt.of(sample);
  }

  public Optional<Instant> fromTime() {
    return Optional.ofNullable(from);
  }

  public Optional<Instant> toTime() {
    return Optional.ofNullable(to);
  }

  /** Where the records come from, for messages: {@code topic 'T' on HOST:PORT}. */
  public String describe() {
    return "topic '" + topic + "' on " + bootstrap;
  }

  private static void requireText(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
  }
}
