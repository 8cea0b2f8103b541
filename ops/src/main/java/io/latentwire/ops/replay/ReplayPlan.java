package io.latentwire.ops.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns {@code --from}/{@code --to} into one offset range per partition, clamped to what the
 * partition holds now (from its log start to its last stable offset).
 */
public final class ReplayPlan {
  private ReplayPlan() {}

  /**
   * @param consumer a consumer of the cluster used for metadata only; the topic's partitions are
   *     assigned to it (offset lookups of unassigned partitions make the client log warnings)
   * @return one range per partition, sorted by partition; empty ranges included
   * @throws ReplayException when the topic does not exist or the range is reversed
   */
  public static List<PartitionRange> plan(
      Consumer<?, ?> consumer, String topic, ReplayBound from, ReplayBound to, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new ReplayException("topic " + topic + " does not exist");
    }
    if (from instanceof ReplayBound.Time f
        && to instanceof ReplayBound.Time t
        && t.instant().isBefore(f.instant())) {
      throw new ReplayException("--to " + t.instant() + " is before --from " + f.instant());
    }
    if (from instanceof ReplayBound.Offset f
        && to instanceof ReplayBound.Offset t
        && t.offset() < f.offset()) {
      throw new ReplayException(
          "--to offset:" + t.offset() + " is before --from offset:" + f.offset());
    }
    List<TopicPartition> tps = new ArrayList<>();
    infos.forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
    tps.sort(Comparator.comparingInt(TopicPartition::partition));
    consumer.assign(tps);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, timeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
    Map<TopicPartition, Long> start = resolve(consumer, tps, from, begin, end, timeout);
    Map<TopicPartition, Long> stop = resolve(consumer, tps, to, begin, end, timeout);
    List<PartitionRange> ranges = new ArrayList<>();
    for (TopicPartition tp : tps) {
      long s = start.get(tp);
      long e = Math.max(s, stop.get(tp));
      ranges.add(new PartitionRange(tp, s, e));
    }
    return ranges;
  }

  private static Map<TopicPartition, Long> resolve(
      Consumer<?, ?> consumer,
      List<TopicPartition> tps,
      ReplayBound bound,
      Map<TopicPartition, Long> begin,
      Map<TopicPartition, Long> end,
      Duration timeout) {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (bound instanceof ReplayBound.Time t) {
      Map<TopicPartition, Long> query = new HashMap<>();
      tps.forEach(tp -> query.put(tp, t.instant().toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
      for (TopicPartition tp : tps) {
        OffsetAndTimestamp o = found.get(tp);
        // No record at or after the time: the bound is the partition's end.
        out.put(tp, clamp(o == null ? end.get(tp) : o.offset(), begin.get(tp), end.get(tp)));
      }
      return out;
    }
    for (TopicPartition tp : tps) {
      long v;
      if (bound instanceof ReplayBound.Offset o) {
        v = o.offset();
      } else if (bound instanceof ReplayBound.Earliest) {
        v = begin.get(tp);
      } else {
        v = end.get(tp);
      }
      out.put(tp, clamp(v, begin.get(tp), end.get(tp)));
    }
    return out;
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
