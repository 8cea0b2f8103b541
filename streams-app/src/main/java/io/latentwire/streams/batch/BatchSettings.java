package io.latentwire.streams.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How records are grouped for inference: at most {@code size} records per batch, and a batch older
 * than {@code linger} is drained on the next record. A batch is always drained before its task
 * commits, whatever its size or age; batches are per task, that is per input partition.
 *
 * @param size records per batch, at least 1; 1 processes record by record (no buffering, no
 *     internal Kafka class involved)
 * @param linger how long the first record of a batch may wait for more, checked when a record
 *     arrives; zero drains on every record. Never null.
 */
public record BatchSettings(int size, Duration linger) {
  /** The largest batch accepted: beyond it one inference call holds up the commit too long. */
  public static final int MAX_SIZE = 16_384;

  public BatchSettings {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "batch size must be between 1 and " + MAX_SIZE + ", got " + size);
    }
    Objects.requireNonNull(linger, "linger");
    if (linger.isNegative()) {
      throw new IllegalArgumentException("batch linger must be >= 0, got " + linger);
    }
  }

  /**
   * Batches of 64 records, lingering at most 100 ms: the configuration defaults. The linger equals
   * the exactly-once commit interval, since outputs are not visible before the commit anyway.
   */
  public static BatchSettings defaults() {
    return new BatchSettings(64, Duration.ofMillis(100));
  }

  /** Record by record: each record is processed and forwarded inside its own {@code process()}. */
  public static BatchSettings perRecord() {
    return new BatchSettings(1, Duration.ZERO);
  }

  /** True when records are buffered across {@code process()} calls. */
  public boolean buffers() {
    return size > 1;
  }
}
