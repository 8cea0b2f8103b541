package io.latentwire.ops.eos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks what an app wrote against what it read: every input record has exactly one record in the
 * outputs and dead letters together (matched by key; input keys are unique), with the input's
 * timestamp and headers; and within each output partition, the records that came from one input
 * partition appear in that partition's offset order.
 */
final class ExactlyOnceAudit {
  private ExactlyOnceAudit() {}

  /** Where an input record was read from. */
  record Source(int partition, long offset, ConsumerRecord<byte[], byte[]> record) {}

  /** What the audit found; {@link #clean()} when nothing is wrong. */
  record Report(
      int inputs,
      int outputs,
      int deadLetters,
      List<String> missing,
      List<String> duplicated,
      List<String> unknown,
      List<String> outOfOrder,
      List<String> metadataChanged) {
    boolean clean() {
      return missing.isEmpty()
          && duplicated.isEmpty()
          && unknown.isEmpty()
          && outOfOrder.isEmpty()
          && metadataChanged.isEmpty();
    }

    @Override
    public String toString() {
      return String.format(
          "%d inputs -> %d outputs + %d dead letters; missing %d %s, duplicated %d %s, unknown %d"
              + " %s, out of order %d %s, metadata changed %d %s",
          inputs,
          outputs,
          deadLetters,
          missing.size(),
          head(missing),
          duplicated.size(),
          head(duplicated),
          unknown.size(),
          head(unknown),
          outOfOrder.size(),
          head(outOfOrder),
          metadataChanged.size(),
          head(metadataChanged));
    }

    private static List<String> head(List<String> l) {
      return l.subList(0, Math.min(5, l.size()));
    }
  }

  /**
   * @param inputs every record of the input topic
   * @param sinks every record of each output topic (outputs, dead letters), each list in partition
   *     and offset order, as read with read_committed
   */
  static Report check(
      List<ConsumerRecord<byte[], byte[]>> inputs,
      List<ConsumerRecord<byte[], byte[]>> outputs,
      List<ConsumerRecord<byte[], byte[]>> deadLetters) {
    Map<String, Source> byKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : inputs) {
      if (byKey.put(key(r), new Source(r.partition(), r.offset(), r)) != null) {
        throw new IllegalArgumentException("input keys must be unique; " + key(r) + " repeats");
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    List<String> outOfOrder = new ArrayList<>();
    List<String> metadata = new ArrayList<>();
    for (List<ConsumerRecord<byte[], byte[]>> sink : List.of(outputs, deadLetters)) {
      // (output topic-partition, input partition) -> last input offset seen there
      Map<String, Long> last = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : sink) {
        String k = key(r);
        Source s = byKey.get(k);
        if (s == null) {
          unknown.add(k + " in " + r.topic() + "-" + r.partition() + "@" + r.offset());
          continue;
        }
        seen.merge(k, 1, Integer::sum);
        String lane = r.topic() + "-" + r.partition() + "<-" + s.partition();
        Long before = last.put(lane, s.offset());
        if (before != null && before >= s.offset()) {
          outOfOrder.add(
              k + " (input offset " + s.offset() + " after " + before + " in " + lane + ")");
        }
        if (r.timestamp() != s.record().timestamp() || !headersKept(s.record(), r)) {
          metadata.add(k);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    for (String k : new TreeSet<>(byKey.keySet())) {
      int n = seen.getOrDefault(k, 0);
      if (n == 0) {
        missing.add(k + " (input " + byKey.get(k).partition() + "@" + byKey.get(k).offset() + ")");
      } else if (n > 1) {
        duplicated.add(k + " x" + n);
      }
    }
    return new Report(
        inputs.size(),
        outputs.size(),
        deadLetters.size(),
        missing,
        duplicated,
        unknown,
        outOfOrder,
        metadata);
  }

  /** Every header of the input is on the output with the same value (dead letters add more). */
  private static boolean headersKept(
      ConsumerRecord<byte[], byte[]> in, ConsumerRecord<byte[], byte[]> out) {
    for (Header h : in.headers()) {
      Header o = out.headers().lastHeader(h.key());
      if (o == null || !Arrays.equals(o.value(), h.value())) {
        return false;
      }
    }
    return true;
  }

  static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }
}
