package io.latentwire.ops.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics, waits until they are usable, and measures their size on disk.
 *
 * <p>Resources: an instance made by {@link #connect} owns its Admin client and closes it in {@link
 * #close()}; one made by {@link #using(Admin, Duration)} borrows the caller's client and leaves it
 * open. Every call is bounded by the timeout given at construction; none blocks forever.
 */
public final class TopicAdmin implements AutoCloseable {

  /** Default bound of each operation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final Admin admin;
  private final boolean ownsAdmin;
  private final Duration timeout;

  private TopicAdmin(Admin admin, boolean ownsAdmin, Duration timeout) {
    this.admin = Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.ownsAdmin = ownsAdmin;
    this.timeout = timeout;
  }

  /**
   * Connects to a cluster reachable without authentication.
   *
   * @param bootstrapServers e.g. {@code 127.0.0.1:9092}; never null
   * @return an instance owning its Admin client
   */
  public static TopicAdmin connect(String bootstrapServers) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    return connect(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), DEFAULT_TIMEOUT);
  }

  /**
   * Connects with full Admin client settings (security, client id...).
   *
   * @param adminConfig Admin client configuration, at least {@code bootstrap.servers}; never null
   * @param timeout bound of each operation; positive
   * @return an instance owning its Admin client
   */
  public static TopicAdmin connect(Map<String, Object> adminConfig, Duration timeout) {
    Objects.requireNonNull(adminConfig, "adminConfig");
    return new TopicAdmin(Admin.create(adminConfig), true, timeout);
  }

  /**
   * Wraps an Admin client the caller keeps ownership of.
   *
   * @param admin never null; not closed by {@link #close()}
   * @param timeout bound of each operation; positive
   */
  public static TopicAdmin using(Admin admin, Duration timeout) {
    return new TopicAdmin(admin, false, timeout);
  }

  /** {@link #createTopics(Collection)} for one topic. */
  public void createTopic(TopicSpec spec) {
    createTopics(List.of(spec));
  }

  /**
   * Creates the topics and returns once {@link #awaitTopics(Collection)} holds for all of them.
   *
   * @param specs topics to create; none may exist already
   * @throws TopicAdminException if the cluster refuses a topic (it exists, a config is unknown or
   *     invalid...) or the topics are not ready within the timeout; the message names the topic
   */
  public void createTopics(Collection<TopicSpec> specs) {
    long deadline = deadline();
    List<NewTopic> newTopics =
        specs.stream()
            .map(
                spec ->
                    new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                        .configs(spec.configs()))
            .toList();
    Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      get(result.getValue(), deadline, "create topic " + result.getKey());
    }
    awaitTopics(results.keySet(), deadline);
  }

  /**
   * Waits until every partition of every topic has a leader and a log on a broker: from then on
   * producers will not see "unknown topic" and {@link #logSizeBytes(String)} covers all partitions.
   *
   * @throws TopicAdminException if a topic is still missing or leaderless at the timeout
   */
  public void awaitTopics(Collection<String> topics) {
    awaitTopics(Set.copyOf(topics), deadline());
  }

  /**
   * Total bytes of the topic's log segments, summed over partitions; each partition is counted once
   * (its largest replica), whatever the replication factor. Includes the active segment as soon as
   * the broker has appended the records (acknowledged), before any fsync.
   *
   * @throws TopicAdminException if the topic does not exist or a partition has no replica online
   */
  public long logSizeBytes(String topic) {
    return partitionSizes(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Bytes of the topic's log segments per partition (largest replica of each).
   *
   * @return sorted by partition; never null
   * @throws TopicAdminException if the topic does not exist or a partition has no replica online
   */
  public Map<TopicPartition, Long> partitionSizes(String topic) {
    long deadline = deadline();
    TopicDescription description = describe(topic, deadline);
    Map<TopicPartition, Long> sizes = replicaSizes(topic, deadline);
    List<Integer> missing =
        description.partitions().stream()
            .map(TopicPartitionInfo::partition)
            .filter(p -> !sizes.containsKey(new TopicPartition(topic, p)))
            .toList();
    if (!missing.isEmpty()) {
      throw new TopicAdminException(
          "topic " + topic + ": partitions " + missing + " have no replica in any online log dir");
    }
    Map<TopicPartition, Long> sorted =
        new TreeMap<>(
            (a, b) ->
                a.topic().equals(b.topic())
                    ? Integer.compare(a.partition(), b.partition())
                    : a.topic().compareTo(b.topic()));
    sorted.putAll(sizes);
    return sorted;
  }

  /** Closes the Admin client if this instance owns it (see the class comment). */
  @Override
  public void close() {
    if (ownsAdmin) {
      admin.close(timeout);
    }
  }

  private void awaitTopics(Set<String> topics, long deadline) {
    Set<String> pending = Set.copyOf(topics);
    while (true) {
      pending = pending.stream().filter(t -> !isReady(t, deadline)).collect(Collectors.toSet());
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() >= deadline) {
        throw new TopicAdminException(
            "topics "
                + pending
                + " not ready (leader and log for every partition) within "
                + timeout);
      }
      sleep(POLL_INTERVAL);
    }
  }

  private boolean isReady(String topic, long deadline) {
    TopicDescription description;
    try {
      description =
          admin
              .describeTopics(List.of(topic))
              .topicNameValues()
              .get(topic)
              .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw failure("describe topic " + topic, e.getCause());
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      throw interrupted("describe topic " + topic, e);
    }
    boolean allLed =
        description.partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    if (!allLed) {
      return false;
    }
    Map<TopicPartition, Long> sizes = replicaSizes(topic, deadline);
    return description.partitions().stream()
        .allMatch(p -> sizes.containsKey(new TopicPartition(topic, p.partition())));
  }

  private TopicDescription describe(String topic, long deadline) {
    KafkaFuture<TopicDescription> future =
        admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
    return get(future, deadline, "describe topic " + topic);
  }

  /** Largest non-future replica size of each partition of {@code topic} found on any broker. */
  private Map<TopicPartition, Long> replicaSizes(String topic, long deadline) {
    List<Integer> brokerIds =
        get(admin.describeCluster().nodes(), deadline, "describe cluster").stream()
            .map(Node::id)
            .toList();
    Map<Integer, Map<String, LogDirDescription>> byBroker =
        get(
            admin.describeLogDirs(brokerIds).allDescriptions(),
            deadline,
            "describe log dirs for topic " + topic);
    Map<TopicPartition, Long> sizes = new HashMap<>();
    for (Map<String, LogDirDescription> dirs : byBroker.values()) {
      for (LogDirDescription dir : dirs.values()) {
        if (dir.error() != null) {
          continue; // an offline dir holds no readable replica; other dirs may
        }
        for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
          // A "future" replica is a copy being moved between dirs: counting it would double.
          if (replica.getKey().topic().equals(topic) && !replica.getValue().isFuture()) {
            sizes.merge(replica.getKey(), replica.getValue().size(), Math::max);
          }
        }
      }
    }
    return sizes;
  }

  private <T> T get(KafkaFuture<T> future, long deadline, String what) {
    try {
      return future.get(remainingMs(deadline), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(what, e.getCause());
    } catch (TimeoutException e) {
      throw new TopicAdminException(what + ": no answer within " + timeout, e);
    } catch (InterruptedException e) {
      throw interrupted(what, e);
    }
  }

  private static TopicAdminException failure(String what, Throwable cause) {
    return new TopicAdminException(
        what + " failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
  }

  private static TopicAdminException interrupted(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new TopicAdminException(what + ": interrupted", e);
  }

  private long deadline() {
    return System.nanoTime() + timeout.toNanos();
  }

  private static long remainingMs(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      throw interrupted("wait for topics", e);
    }
  }
}
