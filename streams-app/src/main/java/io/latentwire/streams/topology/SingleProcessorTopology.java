package io.latentwire.streams.topology;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * The shape both sides share: a byte[] source, one processor, its output sink and its dead-letter
 * sink. Bytes end to end, so the processor owns (de)serialization and can dead-letter a record that
 * does not even deserialize.
 */
final class SingleProcessorTopology {
  private SingleProcessorTopology() {}

  static Topology build(
      Topics topics,
      String source,
      String processor,
      String sink,
      String deadLetterSink,
      ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier) {
    Topology t = new Topology();
    t.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.input());
    t.addProcessor(processor, supplier, source);
    t.addSink(
        sink, topics.output(), new ByteArraySerializer(), new ByteArraySerializer(), processor);
    t.addSink(
        deadLetterSink,
        topics.deadLetter(),
        new ByteArraySerializer(),
        new ByteArraySerializer(),
        processor);
    return t;
  }
}
