package io.latentwire.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start/stop behaviour; each test pays for its own brokers, so there are few of them. */
class EmbeddedKafkaBrokerLifecycleTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerLifecycleTest.class);

  private static final String JVM_WIDE_METRICS_THREAD = "metrics-meter-tick-thread-";

  @TempDir Path baseDir;

  @Test
  void shouldRunTwoBrokersAtOnceAndReleaseEverythingOnClose() throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    long rssBefore = rssKiB();

    EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().baseDirectory(baseDir).start();
    long rssOne = rssKiB();
    EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().baseDirectory(baseDir).start();
    LOG.info(
        "startup {} ms and {} ms; RSS {} MiB before, +{} MiB with one broker, +{} MiB with two",
        first.startupTime().toMillis(),
        second.startupTime().toMillis(),
        rssBefore / 1024,
        (rssOne - rssBefore) / 1024,
        (rssKiB() - rssBefore) / 1024);
    try {
      assertThat(Set.of(first.brokerPort(), first.controllerPort()))
          .doesNotContainAnyElementsOf(Set.of(second.brokerPort(), second.controllerPort()));
      assertThat(first.clusterId()).isNotEqualTo(second.clusterId());
      assertThat(clusterIdSeenBy(first)).isEqualTo(first.clusterId());
      assertThat(clusterIdSeenBy(second)).isEqualTo(second.clusterId());
    } finally {
      first.close();
      second.close();
    }

    for (EmbeddedKafkaBroker broker : new EmbeddedKafkaBroker[] {first, second}) {
      assertThat(FreePorts.isFree(broker.brokerPort())).as("broker port of %s", broker).isTrue();
      assertThat(FreePorts.isFree(broker.controllerPort()))
          .as("controller port of %s", broker)
          .isTrue();
      assertThat(broker.directory()).doesNotExist();
    }
    assertThat(newLiveThreads(threadsBefore)).isEmpty();
  }

  @Test
  void shouldIgnoreSecondClose() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().baseDirectory(baseDir).start();
    broker.close();
    broker.close();
    assertThat(broker.directory()).doesNotExist();
  }

  @Test
  void shouldFailClearlyWhenThePortIsTaken() throws Exception {
    int port = FreePorts.pick();
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(
              () ->
                  EmbeddedKafkaBroker.builder()
                      .baseDirectory(baseDir)
                      .brokerPort(port)
                      .controllerPort(FreePorts.pick())
                      .start())
          .isInstanceOf(EmbeddedBrokerException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
    try (var leftovers = Files.list(baseDir)) {
      assertThat(leftovers).as("directories left in %s", baseDir).isEmpty();
    }
  }

  @Test
  void shouldNameTheBadSettingWhenFormattingFails() throws Exception {
    assertThatThrownBy(
            () ->
                EmbeddedKafkaBroker.builder()
                    .baseDirectory(baseDir)
                    .brokerProperty("num.io.threads", "zero")
                    .start())
        .isInstanceOf(EmbeddedBrokerException.class)
        .hasMessageContaining("kafka-storage format")
        .hasMessageContaining("num.io.threads")
        .hasMessageContaining("zero");
    try (var leftovers = Files.list(baseDir)) {
      assertThat(leftovers).as("directories left in %s", baseDir).isEmpty();
    }
  }

  @Test
  void shouldRejectSettingsTheEmbeddedNodeOwns() {
    assertThatThrownBy(
            () -> EmbeddedKafkaBroker.builder().brokerProperty("listeners", "PLAINTEXT://:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'listeners'")
        .hasMessageContaining("Builder.listener");
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerPort(70000))
        .hasMessageContaining("brokerPort")
        .hasMessageContaining("70000");
    assertThatThrownBy(
            () -> EmbeddedKafkaBroker.builder().listener("plain", SecurityProtocol.PLAINTEXT))
        .hasMessageContaining("'plain'");
    assertThatThrownBy(
            () -> EmbeddedKafkaBroker.builder().listener("CONTROLLER", SecurityProtocol.PLAINTEXT))
        .hasMessageContaining("already defined");
  }

  private static String clusterIdSeenBy(EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Threads started since {@code before} that are still alive, except the JVM-wide ones: Kafka's
   * Yammer metrics registry ({@code KafkaYammerMetrics.INSTANCE}, a static singleton) starts two
   * daemon "metrics-meter-tick-thread"s the first time any broker runs in the JVM, and keeps them
   * for every later broker. They do not grow per broker and do not block JVM exit.
   */
  private static Set<String> newLiveThreads(Set<Thread> before) throws InterruptedException {
    // Kafka hands some client threads a moment to exit after close() returns.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<String> leaked;
    do {
      leaked =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive())
              .filter(t -> !(t.isDaemon() && t.getName().startsWith(JVM_WIDE_METRICS_THREAD)))
              .map(Thread::getName)
              .collect(Collectors.toSet());
      if (leaked.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return leaked;
  }

  private static long rssKiB() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return 0;
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> l.replaceAll("[^0-9]", ""))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(0);
  }
}
