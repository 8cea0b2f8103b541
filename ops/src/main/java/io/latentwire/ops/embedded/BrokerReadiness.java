package io.latentwire.ops.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** Waits until a broker serves Admin requests and lists itself as a cluster member. */
final class BrokerReadiness {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private BrokerReadiness() {}

  /**
   * @param bootstrapServers the broker's client listener
   * @param nodeId the id the broker must report in {@code describeCluster}
   * @param timeout how long to keep trying
   * @throws EmbeddedBrokerException if the broker is not ready within {@code timeout}
   */
  static void await(String bootstrapServers, int nodeId, Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    Exception last = null;
    try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
      while (System.nanoTime() < deadline) {
        long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
          boolean listed =
              admin
                  .describeCluster(
                      new DescribeClusterOptions().timeoutMs((int) Math.min(leftMs, 5_000)))
                  .nodes()
                  .get(leftMs, TimeUnit.MILLISECONDS)
                  .stream()
                  .map(Node::id)
                  .anyMatch(id -> id == nodeId);
          if (listed) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedBrokerException(
          "interrupted while waiting for the broker at " + bootstrapServers, e);
    }
    throw new EmbeddedBrokerException(
        "broker at " + bootstrapServers + " (node " + nodeId + ") not ready within " + timeout,
        last);
  }

  private static Map<String, Object> adminConfig(String bootstrapServers) {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "latentwire-embedded-readiness",
        // Fail fast on each probe; the loop retries until the overall deadline.
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
  }
}
