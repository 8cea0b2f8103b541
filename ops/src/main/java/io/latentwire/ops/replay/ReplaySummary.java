package io.latentwire.ops.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param topic the latent topic read
 * @param ranges the offset ranges read
 * @param decoded records decoded and written
 * @param tombstones null values in the range (forwarded to topics, skipped by files)
 * @param failed records that could not be decoded, by kind
 * @param byModel records decoded per model (16-hex-digit id prefix), in first-seen order
 * @param outputs what the sinks wrote, one line each
 * @param elapsed wall time
 */
public record ReplaySummary(
    String topic,
    List<PartitionRange> ranges,
    long decoded,
    long tombstones,
    Map<FailureKind, Long> failed,
    Map<String, Long> byModel,
    List<String> outputs,
    Duration elapsed) {

  /** All failed records. */
  public long failedTotal() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }
}
