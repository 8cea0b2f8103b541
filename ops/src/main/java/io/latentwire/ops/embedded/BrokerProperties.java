package io.latentwire.ops.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the server properties of a single combined broker+controller node. */
final class BrokerProperties {

  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * Keys the embedded broker owns: changing them would break formatting, the quorum or {@link
   * EmbeddedKafkaBroker#bootstrapServers()}. Listeners are added with {@code Builder.listener}.
   */
  static final Set<String> RESERVED_KEYS =
      Set.of(
          "process.roles",
          "node.id",
          "broker.id",
          "log.dir",
          "log.dirs",
          "metadata.log.dir",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map");

  /**
   * Defaults for one node on a developer machine. Every one may be overridden by the caller's
   * broker properties.
   */
  private static final Map<String, String> SINGLE_NODE_DEFAULTS =
      Map.ofEntries(
          // Internal topics default to replication factor 3, which one node cannot host.
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          // 50 partitions per internal topic makes the first consumer group and the first
          // transaction wait for 50 partition loads; one node gains nothing from them.
          Map.entry("offsets.topic.num.partitions", "1"),
          Map.entry("transaction.state.log.num.partitions", "1"),
          // Consumers of tests and demos join alone: do not wait 3 s for others.
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          // Topics are created on purpose, with their partitions and configs; a typo must fail.
          Map.entry("auto.create.topics.enable", "false"),
          // The log cleaner allocates this buffer up front (128 MiB by default); 16 MiB still
          // dedupes about 700k keys per pass, far beyond what the demo compacts.
          Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16L * 1024 * 1024)),
          Map.entry("inter.broker.listener.name", BROKER_LISTENER));

  private BrokerProperties() {}

  /**
   * @param nodeId the KRaft node id
   * @param logDir the formatted data directory (also holds the metadata log)
   * @param brokerListener the PLAINTEXT client listener
   * @param controllerListener the KRaft controller listener
   * @param extraListeners further client listeners (e.g. SASL), possibly empty
   * @param overrides caller properties, none of them in {@link #RESERVED_KEYS}
   */
  static Properties build(
      int nodeId,
      Path logDir,
      Listener brokerListener,
      Listener controllerListener,
      List<Listener> extraListeners,
      Map<String, String> overrides) {
    List<Listener> all = new ArrayList<>(List.of(brokerListener, controllerListener));
    all.addAll(extraListeners);

    Properties props = new Properties();
    props.putAll(SINGLE_NODE_DEFAULTS);
    props.putAll(overrides);
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", String.valueOf(nodeId));
    props.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    props.setProperty("controller.listener.names", controllerListener.name());
    // A dynamic (KIP-853) quorum formatted with --standalone, as in Kafka's own quickstart.
    props.setProperty("controller.quorum.bootstrap.servers", controllerListener.hostPort());
    props.setProperty("listeners", join(all, Listener::uri));
    props.setProperty("advertised.listeners", join(all, Listener::uri));
    props.setProperty(
        "listener.security.protocol.map", join(all, l -> l.name() + ":" + l.protocol().name));
    return props;
  }

  private static String join(List<Listener> listeners, Function<Listener, String> f) {
    return listeners.stream().map(f).collect(Collectors.joining(","));
  }
}
