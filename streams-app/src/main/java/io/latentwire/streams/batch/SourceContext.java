package io.latentwire.streams.batch;

import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Where a buffered record came from (topic, partition, offset, and Kafka's own record context),
 * saved when it arrived so that its outputs and dead letters are forwarded later under it.
 * Immutable.
 */
public final class SourceContext {
  private final ProcessorRecordContext context;

  SourceContext(ProcessorRecordContext context) {
    this.context = context;
  }

  ProcessorRecordContext context() {
    return context;
  }

  public String topic() {
    return context.topic();
  }

  public int partition() {
    return context.partition();
  }

  public long offset() {
    return context.offset();
  }

  @Override
  public String toString() {
    return topic() + "-" + partition() + "@" + offset();
  }
}
