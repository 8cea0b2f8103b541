package io.latentwire.ops.bench;

import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The baseline of the pipeline benchmark: raw records in, the same records out, through the same
 * serde path as the pipeline (bytes source, Confluent wire format decoded to a generic record with
 * the registry's writer schema, encoded again under the same schema id as the decode topology does,
 * bytes sink) but no model. What is left is the cost of Kafka Streams itself under the same
 * settings, which the encode topology is measured against.
 */
public final class IdentityTopology {
  static final String SOURCE = "identity-source";
  static final String PROCESSOR = "identity";
  static final String SINK = "identity-sink";

  private IdentityTopology() {}

  /**
   * @param registry resolves writer schemas and registers the output subject; shared, not owned
   */
  public static Topology build(String input, String output, SchemaRegistryClient registry) {
    if (input.equals(output)) {
      throw new IllegalArgumentException("input and output topics must differ, got " + input);
    }
    GenericAvroDeserializer in = new GenericAvroDeserializer(registry);
    GenericAvroSerializer out = new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    Topology t = new Topology();
    t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), input);
    t.addProcessor(PROCESSOR, () -> new Reserialize(in, out, output), SOURCE);
    t.addSink(SINK, output, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
    return t;
  }

  /** Decodes each value with its writer schema and encodes it again for the output topic. */
  private static final class Reserialize implements Processor<byte[], byte[], byte[], byte[]> {
    private final GenericAvroDeserializer in;
    private final GenericAvroSerializer out;
    private final String outputTopic;
    private ProcessorContext<byte[], byte[]> context;

    Reserialize(GenericAvroDeserializer in, GenericAvroSerializer out, String outputTopic) {
      this.in = in;
      this.out = out;
      this.outputTopic = outputTopic;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      String topic = context.recordMetadata().map(m -> m.topic()).orElse(outputTopic);
      var value = in.deserializeWithId(topic, record.value());
      context.forward(
          record.withValue(
              out.serializeWithSchemaId(outputTopic, value.schemaId(), value.value())));
    }
  }
}
