package io.latentwire.ops.mirror;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Network bytes that Kafka consumers in this JVM received, from their JMX metrics ({@code
 * incoming-byte-total} of {@code consumer-metrics}): every byte of every response, as it came off
 * the socket — for MirrorMaker's replication consumer, the record batches still compressed as the
 * source cluster stores them, plus protocol overhead. (The per-topic {@code bytes-consumed-total}
 * counts decompressed record bytes, which is not what crosses the network.)
 */
final class ConsumerNetworkMetrics {
  private ConsumerNetworkMetrics() {}

  /**
   * @param clientIdPart part of the consumers' client id, e.g. {@code replication-consumer}
   * @return bytes received per matching client id; empty when none is registered
   */
  static Map<String, Long> bytesReceivedByClient(String clientIdPart) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Long> out = new TreeMap<>();
    try {
      for (ObjectName name :
          server.queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,*"), null)) {
        String raw = String.valueOf(name.getKeyProperty("client-id"));
        String clientId = raw.startsWith("\"") ? ObjectName.unquote(raw) : raw;
        if (clientId.contains(clientIdPart)) {
          Object v = server.getAttribute(name, "incoming-byte-total");
          out.put(clientId, Math.round(((Number) v).doubleValue()));
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read consumer metrics over JMX: " + e, e);
    }
    return out;
  }

  /** Sum over the clients whose id starts with {@code prefix}. */
  static long sumForPrefix(Map<String, Long> byClient, String prefix) {
    return byClient.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
