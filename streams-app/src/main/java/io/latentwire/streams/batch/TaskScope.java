package io.latentwire.streams.batch;

import io.latentwire.streams.errors.LatentwireStreamsException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Lets a processor forward buffered records later, outside its own {@code process()} call: from
 * {@link PreCommitHookStore#flushCache()}, or while processing a later record.
 *
 * <p>{@code forward()} sends from the processor node the context currently points at, and reads the
 * source topic, partition and offset from the context's record context. Outside {@code process()}
 * the node is unknown ({@code forward()} throws "Current node is unknown"), and while processing a
 * later record the record context is the later record's. So a drain sets the node saved in {@code
 * init()} and, before each record, that record's own saved context, then restores both — exactly
 * what Kafka's own cache flush does ({@code TimestampedCacheFlushListener}, {@code
 * CachingKeyValueStore.putAndMaybeForward}).
 *
 * <p><b>Uses internal Kafka classes</b> ({@code InternalProcessorContext}, {@code ProcessorNode},
 * {@code ProcessorRecordContext}); see the package documentation. One instance per processor
 * (task); not thread-safe, like the processor.
 */
public final class TaskScope {
  private final InternalProcessorContext<?, ?> context;
  private final ProcessorNode<?, ?, ?, ?> node;

  private TaskScope(InternalProcessorContext<?, ?> context, ProcessorNode<?, ?, ?, ?> node) {
    this.context = context;
    this.node = node;
  }

  /**
   * Captures the processor's node; call from {@code Processor.init}.
   *
   * @throws LatentwireStreamsException if {@code context} is not Kafka Streams' own (a mock
   *     context: test with TopologyTestDriver, or with batch size 1)
   */
  public static TaskScope capture(ProcessorContext<?, ?> context) {
    if (!(context instanceof InternalProcessorContext<?, ?> internal)) {
      throw new LatentwireStreamsException(
          "batching needs Kafka Streams' own processor context, got "
              + context.getClass().getName()
              + "; use a batch size of 1 with a mock context");
    }
    ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
    if (node == null) {
      throw new LatentwireStreamsException(
          "no current processor node: TaskScope.capture must be called from Processor.init");
    }
    return new TaskScope(internal, node);
  }

  /** Where the record being processed now came from; call from {@code process()}. */
  public SourceContext currentSource() {
    ProcessorRecordContext rc = context.recordContext();
    if (rc == null) {
      throw new LatentwireStreamsException(
          "no record context: currentSource must be called from Processor.process");
    }
    return new SourceContext(rc);
  }

  /** Points the context at this processor's node until the returned drain is closed. */
  public Drain enter() {
    return new Drain();
  }

  /** One drain: switch to each record's source, forward, then close to restore the context. */
  public final class Drain implements AutoCloseable {
    private final ProcessorNode<?, ?, ?, ?> previousNode;
    private final ProcessorRecordContext previousRecord;

    private Drain() {
      previousNode = context.currentNode();
      previousRecord = context.recordContext();
      context.setCurrentNode(node);
    }

    /** Makes {@code source} the record context that forwards and dead letters see. */
    public void switchTo(SourceContext source) {
      context.setRecordContext(source.context());
    }

    @Override
    public void close() {
      context.setRecordContext(previousRecord);
      context.setCurrentNode(previousNode);
    }
  }
}
