package io.latentwire.streams.topology;

import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.PreCommitHookStore;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Supplies a new batching processor per task and, when records are buffered, connects the per-task
 * {@link PreCommitHookStore} that drains them before each commit.
 */
final class BatchingSupplier implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {
  private final BatchSettings settings;
  private final String hookStoreName;
  private final Supplier<Processor<byte[], byte[], byte[], byte[]>> processors;

  BatchingSupplier(
      BatchSettings settings,
      String hookStoreName,
      Supplier<Processor<byte[], byte[], byte[], byte[]>> processors) {
    this.settings = settings;
    this.hookStoreName = hookStoreName;
    this.processors = processors;
  }

  @Override
  public Processor<byte[], byte[], byte[], byte[]> get() {
    return processors.get();
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return settings.buffers() ? Set.of(PreCommitHookStore.builder(hookStoreName)) : null;
  }
}
