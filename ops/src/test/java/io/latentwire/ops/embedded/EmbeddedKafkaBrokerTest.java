package io.latentwire.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicAdminException;
import io.latentwire.ops.kafka.TopicSpec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One broker for the whole class: starting one costs seconds. */
class EmbeddedKafkaBrokerTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerTest.class);

  private static final String SASL_LISTENER = "SASL_LOCAL";
  private static final String PLAIN_LOGIN =
      "org.apache.kafka.common.security.plain.PlainLoginModule required";

  private static EmbeddedKafkaBroker broker;
  private static TopicAdmin topics;

  @BeforeAll
  static void startBroker() {
    // A SASL/PLAIN listener next to PLAINTEXT proves the extension path the demo will use.
    broker =
        EmbeddedKafkaBroker.builder()
            .listener(SASL_LISTENER, SecurityProtocol.SASL_PLAINTEXT)
            .brokerProperty("listener.name.sasl_local.sasl.enabled.mechanisms", "PLAIN")
            .brokerProperty(
                "listener.name.sasl_local.plain.sasl.jaas.config",
                PLAIN_LOGIN + " user_alice=\"alice-secret\";")
            .start();
    topics = TopicAdmin.connect(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    if (topics != null) {
      topics.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldListenOnLoopbackOnly() throws IOException {
    assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.brokerPort());
    Optional<InetAddress> external = firstNonLoopbackIpv4();
    Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this host");
    for (int port : List.of(broker.brokerPort(), broker.controllerPort())) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 1000))
            .as("port %d reachable on %s", port, external.get())
            .isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void shouldAuthenticateOnAnAddedSaslListener() throws Exception {
    String sasl = broker.bootstrapServers(SASL_LISTENER);
    assertThat(sasl).startsWith("127.0.0.1:").isNotEqualTo(broker.bootstrapServers());

    Map<String, Object> alice =
        Map.of(
            "bootstrap.servers",
            sasl,
            "security.protocol",
            "SASL_PLAINTEXT",
            "sasl.mechanism",
            "PLAIN",
            "sasl.jaas.config",
            PLAIN_LOGIN + " username=\"alice\" password=\"alice-secret\";");
    try (Admin admin = Admin.create(alice)) {
      assertThat(admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
          .isEqualTo(broker.clusterId());
    }
    Map<String, Object> mallory = new HashMap<>(alice);
    mallory.put("sasl.jaas.config", PLAIN_LOGIN + " username=\"alice\" password=\"wrong\";");
    try (Admin admin = Admin.create(mallory)) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    assertThatThrownBy(() -> broker.bootstrapServers("NOPE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOPE")
        .hasMessageContaining(SASL_LISTENER);
  }

  @Test
  void shouldDeliverOnlyCommittedTransactionsToReadCommittedConsumer() {
    String topic = "eos-sanity";
    topics.createTopic(TopicSpec.of(topic, 2));

    try (KafkaProducer<String, String> producer = transactionalProducer("eos-sanity-tx")) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "committed-" + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "aborted-" + i));
      }
      producer.flush();
      producer.abortTransaction();
    }

    List<String> values = readCommitted(topic, 10);
    assertThat(values)
        .hasSize(10)
        .allMatch(v -> v.startsWith("committed-"))
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldCountActiveSegmentBytesInLogSizeRightAfterFlush() {
    String topic = "log-size";
    topics.createTopic(TopicSpec.of(topic, 3));
    assertThat(topics.logSizeBytes(topic)).isZero();

    int records = 200;
    int valueBytes = 1000;
    String value = "x".repeat(valueBytes);
    try (KafkaProducer<String, String> producer = plainProducer()) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, value));
      }
      producer.flush();
    }

    // No sleep: describeLogDirs must already see the appended (unflushed, active) segment.
    long payload = (long) records * valueBytes;
    long logBytes = topics.logSizeBytes(topic);
    LOG.info(
        "{} records of {} value bytes: {} log bytes, {} per record",
        records,
        valueBytes,
        logBytes,
        logBytes / records);
    assertThat(logBytes)
        .as("log bytes for %d payload bytes", payload)
        .isGreaterThanOrEqualTo(payload)
        .isLessThan(payload * 12 / 10);
    assertThat(topics.partitionSizes(topic))
        .hasSize(3)
        .allSatisfy((tp, size) -> assertThat(size).isPositive());
  }

  @Test
  void shouldCreateCompactedTopicWithItsConfigs() throws Exception {
    String topic = "compacted";
    topics.createTopic(
        TopicSpec.of(topic, 1)
            .withConfig("cleanup.policy", "compact")
            .withConfig("max.message.bytes", "2097152"));

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(config.get("max.message.bytes").value()).isEqualTo("2097152");
    }
  }

  @Test
  void shouldNameTheTopicWhenTheBrokerRejectsAConfig() {
    assertThatThrownBy(
            () ->
                topics.createTopic(TopicSpec.of("bad-config", 1).withConfig("no.such.config", "1")))
        .isInstanceOf(TopicAdminException.class)
        .hasMessageContaining("bad-config")
        .hasMessageContaining("no.such.config");
  }

  @Test
  void shouldRefuseLogSizeOfUnknownTopic() {
    assertThatThrownBy(() -> topics.logSizeBytes("never-created"))
        .isInstanceOf(TopicAdminException.class)
        .hasMessageContaining("never-created")
        .hasMessageContaining("UnknownTopicOrPartition");
  }

  @Test
  void shouldNotAutoCreateTopics() {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                1000),
            new StringSerializer(),
            new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("typo-topic", "v")).get())
          .hasCauseInstanceOf(TimeoutException.class)
          .hasMessageContaining("not present in metadata");
    }
    assertThatThrownBy(() -> topics.logSizeBytes("typo-topic"))
        .isInstanceOf(TopicAdminException.class);
  }

  private static KafkaProducer<String, String> transactionalProducer(String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaProducer<String, String> plainProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "none",
            ProducerConfig.LINGER_MS_CONFIG,
            5),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Reads until {@code expected} values arrived, then one more poll to catch extras. */
  private static List<String> readCommitted(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
        values.add(r.value());
      }
    }
    return values;
  }

  private static Optional<InetAddress> firstNonLoopbackIpv4() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
