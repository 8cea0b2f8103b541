package io.latentwire.ops.embedded;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka cluster (one KRaft node acting as broker and controller) running in
 * this JVM.
 *
 * <p>Each instance formats a fresh directory with Kafka's {@code StorageTool}, starts Kafka's own
 * {@code KafkaRaftServer}, and returns from {@link Builder#start()} only once an Admin client has
 * seen the broker in {@code describeCluster}. All listeners bind 127.0.0.1. Several instances can
 * run at once in one JVM, each on its own ports and directory.
 *
 * <p>Resources: the instance owns the broker's threads, its sockets and its data directory. {@link
 * #close()} shuts the broker down, waits for it, and deletes the directory; always close it
 * (try-with-resources or {@code @AfterAll}).
 *
 * <p>Caveat inherited from Kafka: on an unrecoverable internal fault (e.g. the metadata log cannot
 * be written) the broker halts the whole JVM, as a standalone broker would.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
 *   producerProps.put("bootstrap.servers", broker.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  /** A port taken between our probe and Kafka's bind: worth a retry on new ports. */
  private static final int START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final Path directory;
  private final String clusterId;
  private final int nodeId;
  private final Listener brokerListener;
  private final Listener controllerListener;
  private final Map<String, Listener> extraListeners;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedKafkaBroker(Started started, Duration startupTime) {
    this.server = started.server;
    this.directory = started.directory;
    this.clusterId = started.clusterId;
    this.nodeId = started.nodeId;
    this.brokerListener = started.brokerListener;
    this.controllerListener = started.controllerListener;
    this.extraListeners = started.extraListeners;
    this.startupTime = startupTime;
  }

  /** A builder with defaults: node id 1, free ports, a fresh directory under java.io.tmpdir. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The PLAINTEXT client listener, for {@code bootstrap.servers}.
   *
   * @return {@code 127.0.0.1:port}; never null
   */
  public String bootstrapServers() {
    return brokerListener.hostPort();
  }

  /**
   * A listener added with {@link Builder#listener(String, SecurityProtocol)}, for {@code
   * bootstrap.servers}.
   *
   * @param listenerName the name given to the builder, e.g. {@code SASL_LOCAL}
   * @return {@code 127.0.0.1:port}; never null
   * @throws IllegalArgumentException if no such listener was configured; the message lists them
   */
  public String bootstrapServers(String listenerName) {
    if (BrokerProperties.BROKER_LISTENER.equals(listenerName)) {
      return bootstrapServers();
    }
    Listener listener = extraListeners.get(listenerName);
    if (listener == null) {
      List<String> known = new ArrayList<>(List.of(BrokerProperties.BROKER_LISTENER));
      known.addAll(extraListeners.keySet());
      throw new IllegalArgumentException(
          "no client listener named '" + listenerName + "'; configured: " + known);
    }
    return listener.hostPort();
  }

  /** Port of the PLAINTEXT client listener. */
  public int brokerPort() {
    return brokerListener.port();
  }

  /** Port of the KRaft controller listener. */
  public int controllerPort() {
    return controllerListener.port();
  }

  /** The KRaft node id (also the broker id clients see). */
  public int nodeId() {
    return nodeId;
  }

  /** The random cluster id this run was formatted with; never null. */
  public String clusterId() {
    return clusterId;
  }

  /**
   * The per-run directory holding {@code server.properties} and the logs. It is deleted by {@link
   * #close()}.
   */
  public Path directory() {
    return directory;
  }

  /** Wall time from {@link Builder#start()} until the broker answered {@code describeCluster}. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Shuts the broker down cleanly, waits until its threads have stopped and its ports are released,
   * then deletes {@link #directory()}. Calling it again does nothing.
   *
   * @throws EmbeddedBrokerException if the directory cannot be deleted
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long begin = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteDirectory(directory);
    }
    LOG.info(
        "Embedded Kafka broker {} stopped in {} ms",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
  }

  @Override
  public String toString() {
    return "EmbeddedKafkaBroker["
        + bootstrapServers()
        + ", node "
        + nodeId
        + ", "
        + directory
        + "]";
  }

  private static void deleteDirectory(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      throw new EmbeddedBrokerException("cannot delete broker directory " + directory, e);
    }
  }

  /** What one successful start attempt produced. */
  private record Started(
      KafkaRaftServer server,
      Path directory,
      String clusterId,
      int nodeId,
      Listener brokerListener,
      Listener controllerListener,
      Map<String, Listener> extraListeners) {}

  /**
   * Settings of an embedded broker. Not thread-safe; each {@link #start()} makes an independent
   * broker.
   */
  public static final class Builder {

    private static final Pattern LISTENER_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private int nodeId = 1;
    private int brokerPort;
    private int controllerPort;
    private Path baseDirectory;
    private Duration startTimeout = Duration.ofSeconds(60);
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final Map<String, SecurityProtocol> extraListeners = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param nodeId the KRaft node id, {@code >= 0}; default 1
     */
    public Builder nodeId(int nodeId) {
      if (nodeId < 0) {
        throw new IllegalArgumentException("nodeId must be >= 0, got " + nodeId);
      }
      this.nodeId = nodeId;
      return this;
    }

    /**
     * @param port the PLAINTEXT client port, 1..65535, or 0 (default) for a free port
     */
    public Builder brokerPort(int port) {
      this.brokerPort = checkPort("brokerPort", port);
      return this;
    }

    /**
     * @param port the KRaft controller port, 1..65535, or 0 (default) for a free port
     */
    public Builder controllerPort(int port) {
      this.controllerPort = checkPort("controllerPort", port);
      return this;
    }

    /**
     * @param directory an existing directory under which each start creates its own fresh
     *     subdirectory; null (default) means {@code java.io.tmpdir}
     */
    public Builder baseDirectory(Path directory) {
      if (directory != null && !Files.isDirectory(directory)) {
        throw new IllegalArgumentException(
            "baseDirectory must be an existing directory, got " + directory);
      }
      this.baseDirectory = directory;
      return this;
    }

    /**
     * @param timeout how long {@link #start()} may take before it gives up; positive, default 60 s
     */
    public Builder startTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "startTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Adds or overrides a broker setting (e.g. {@code log.retention.ms}, or the {@code
     * listener.name.<listener>.*} settings of a listener added with {@link #listener}). Applied
     * after the single-node defaults, so it wins over them.
     *
     * @param key a Kafka broker config name; not one of the keys the embedded node owns
     *     (process.roles, node.id, log.dirs, listeners, quorum settings...)
     * @param value the value, never null
     * @throws IllegalArgumentException for a reserved key; the message says what to use instead
     */
    public Builder brokerProperty(String key, String value) {
      Objects.requireNonNull(key, "broker property key");
      Objects.requireNonNull(value, () -> "value of broker property " + key);
      if (BrokerProperties.RESERVED_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "broker property '"
                + key
                + "' is set by the embedded broker; reserved keys: "
                + BrokerProperties.RESERVED_KEYS.stream().sorted().toList()
                + " (add listeners with Builder.listener, ports with brokerPort/controllerPort)");
      }
      brokerProperties.put(key, value);
      return this;
    }

    /** {@link #brokerProperty(String, String)} for each entry. */
    public Builder brokerProperties(Map<String, String> properties) {
      properties.forEach(this::brokerProperty);
      return this;
    }

    /**
     * Adds a client listener on a free 127.0.0.1 port, e.g. {@code listener("SASL_LOCAL",
     * SASL_PLAINTEXT)}; its mechanism settings go in {@link #brokerProperty}. Its address is {@link
     * EmbeddedKafkaBroker#bootstrapServers(String)}.
     *
     * @param name upper case letters, digits and '_'; not PLAINTEXT or CONTROLLER, which exist
     *     already
     * @param protocol the security protocol; never null
     */
    public Builder listener(String name, SecurityProtocol protocol) {
      Objects.requireNonNull(name, "listener name");
      Objects.requireNonNull(protocol, () -> "security protocol of listener " + name);
      if (!LISTENER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "listener name must match " + LISTENER_NAME.pattern() + ", got '" + name + "'");
      }
      if (name.equals(BrokerProperties.BROKER_LISTENER)
          || name.equals(BrokerProperties.CONTROLLER_LISTENER)
          || extraListeners.containsKey(name)) {
        throw new IllegalArgumentException("listener '" + name + "' is already defined");
      }
      extraListeners.put(name, protocol);
      return this;
    }

    /**
     * Formats a fresh directory, starts the broker and waits until it serves clients.
     *
     * @return the running broker; the caller owns it and must {@link #close()} it
     * @throws EmbeddedBrokerException if formatting or startup fails, or the broker is not ready
     *     within the start timeout; nothing is left running or on disk in that case
     */
    public EmbeddedKafkaBroker start() {
      long begin = System.nanoTime();
      boolean portsChosenHere = brokerPort == 0 || controllerPort == 0 || !extraListeners.isEmpty();
      for (int attempt = 1; ; attempt++) {
        try {
          Started started = startOnce(begin);
          Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
          EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(started, elapsed);
          LOG.info(
              "Embedded Kafka broker ready at {} in {} ms",
              broker.bootstrapServers(),
              elapsed.toMillis());
          return broker;
        } catch (EmbeddedBrokerException e) {
          if (!portsChosenHere || attempt >= START_ATTEMPTS || !causedByBind(e)) {
            throw e;
          }
          LOG.warn(
              "Port taken while starting the embedded broker, retrying on new ports: {}",
              e.getMessage());
        }
      }
    }

    private Started startOnce(long begin) {
      Listener broker =
          new Listener(
              BrokerProperties.BROKER_LISTENER, SecurityProtocol.PLAINTEXT, portOrFree(brokerPort));
      Listener controller =
          new Listener(
              BrokerProperties.CONTROLLER_LISTENER,
              SecurityProtocol.PLAINTEXT,
              portOrFree(controllerPort));
      Map<String, Listener> extras = new LinkedHashMap<>();
      extraListeners.forEach(
          (name, protocol) -> extras.put(name, new Listener(name, protocol, FreePorts.pick())));

      Path directory = createRunDirectory();
      String clusterId = Uuid.randomUuid().toString();
      Properties props =
          BrokerProperties.build(
              nodeId,
              directory.resolve("logs"),
              broker,
              controller,
              List.copyOf(extras.values()),
              brokerProperties);
      KafkaRaftServer server = null;
      try {
        StorageFormatter.format(props, directory.resolve("server.properties"), clusterId);
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        BrokerReadiness.await(broker.hostPort(), nodeId, remaining(begin));
        return new Started(
            server, directory, clusterId, nodeId, broker, controller, Map.copyOf(extras));
      } catch (RuntimeException e) {
        EmbeddedBrokerException failure =
            e instanceof EmbeddedBrokerException ebe
                ? ebe
                : new EmbeddedBrokerException(
                    "embedded broker failed to start on "
                        + broker.hostPort()
                        + " (controller "
                        + controller.hostPort()
                        + "): "
                        + e,
                    e);
        stopQuietly(server);
        try {
          deleteDirectory(directory);
        } catch (EmbeddedBrokerException cleanup) {
          failure.addSuppressed(cleanup);
        }
        throw failure;
      }
    }

    private Duration remaining(long begin) {
      return startTimeout.minusNanos(System.nanoTime() - begin);
    }

    private Path createRunDirectory() {
      try {
        return baseDirectory == null
            ? Files.createTempDirectory("latentwire-kafka-")
            : Files.createTempDirectory(baseDirectory, "latentwire-kafka-");
      } catch (IOException e) {
        throw new EmbeddedBrokerException(
            "cannot create broker directory under "
                + (baseDirectory == null ? System.getProperty("java.io.tmpdir") : baseDirectory),
            e);
      }
    }

    private static void stopQuietly(KafkaRaftServer server) {
      if (server == null) {
        return;
      }
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException e) {
        LOG.warn("Embedded broker did not shut down cleanly after a failed start", e);
      }
    }

    private static int portOrFree(int port) {
      return port == 0 ? FreePorts.pick() : port;
    }

    private static int checkPort(String field, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            field + " must be 0 (free port) or 1..65535, got " + port);
      }
      return port;
    }

    private static boolean causedByBind(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          return true;
        }
      }
      return false;
    }
  }
}
