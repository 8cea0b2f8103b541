package io.latentwire.streams.batch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts drained batches and their records, by {@link DrainCause}, across every task of one app.
 * Thread-safe: tasks on several stream threads record into one instance.
 */
public final class BatchStats {
  private final Map<DrainCause, LongAdder> batches = new EnumMap<>(DrainCause.class);
  private final Map<DrainCause, LongAdder> records = new EnumMap<>(DrainCause.class);

  public BatchStats() {
    for (DrainCause c : DrainCause.values()) {
      batches.put(c, new LongAdder());
      records.put(c, new LongAdder());
    }
  }

  /** Records one drained batch of {@code size} records (empty drains are not counted). */
  public void recordDrain(int size, DrainCause cause) {
    if (size > 0) {
      batches.get(cause).increment();
      records.get(cause).add(size);
    }
  }

  /** The counts so far. */
  public Snapshot snapshot() {
    Map<DrainCause, Long> b = new EnumMap<>(DrainCause.class);
    Map<DrainCause, Long> r = new EnumMap<>(DrainCause.class);
    for (DrainCause c : DrainCause.values()) {
      b.put(c, batches.get(c).sum());
      r.put(c, records.get(c).sum());
    }
    return new Snapshot(Map.copyOf(b), Map.copyOf(r));
  }

  /**
   * Counts at one moment.
   *
   * @param batches drained batches by cause
   * @param records records in those batches by cause
   */
  public record Snapshot(Map<DrainCause, Long> batches, Map<DrainCause, Long> records) {
    public long totalBatches() {
      return batches.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalRecords() {
      return records.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Mean records per drained batch, 0 when nothing was drained. */
    public double averageBatchSize() {
      long n = totalBatches();
      return n == 0 ? 0 : (double) totalRecords() / n;
    }

    @Override
    public String toString() {
      return String.format(
          "%d records in %d batches (average %.1f; by size %d, by linger %d, at commit %d)",
          totalRecords(),
          totalBatches(),
          averageBatchSize(),
          batches.get(DrainCause.SIZE),
          batches.get(DrainCause.LINGER),
          batches.get(DrainCause.COMMIT));
    }
  }
}
