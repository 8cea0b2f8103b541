package io.latentwire.streams.processor;

import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryException;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes each {@link LatentRecord} back into a record of its original writer schema, written in
 * the Confluent wire format under that schema's original registry id. Key, timestamp and headers
 * pass through; a record that cannot be decoded (corrupt, another model, unknown schema id) goes to
 * the dead-letter sink.
 *
 * <p>One instance per task. The {@link RecordCodec} and registry client are shared, not owned.
 */
public final class DecodeProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final RecordCodec codec;
  private final SchemaRegistryClient registry;
  private final SpecificAvroDeserializer<LatentRecord> in;
  private final GenericAvroSerializer out;
  private final String outputTopic;
  private final String outputSink;
  private final DeadLetters deadLetters;
  private final PipelineMetrics metrics;
  private ProcessorContext<byte[], byte[]> context;

  public DecodeProcessor(
      RecordCodec codec,
      SchemaRegistryClient registry,
      SpecificAvroDeserializer<LatentRecord> in,
      GenericAvroSerializer out,
      String outputTopic,
      String outputSink,
      DeadLetters deadLetters,
      PipelineMetrics metrics) {
    this.codec = codec;
    this.registry = registry;
    this.in = in;
    this.out = out;
    this.outputTopic = outputTopic;
    this.outputSink = outputSink;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      metrics.recordTombstone(); // [metrics hook]
      context.forward(record, outputSink);
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    byte[] decoded;
    try {
      LatentRecord latent = in.deserialize(topic, record.value());
      codec.requireModel(latent);
      Schema writer = writerSchema(latent.getSourceSchemaId());
      GenericRecord rebuilt = metrics.timeInference(() -> codec.decode(latent, writer)); // [hook]
      metrics.recordBatch(1); // [metrics hook] the batch size, once batching lands
      decoded = out.serializeWithSchemaId(outputTopic, latent.getSourceSchemaId(), rebuilt);
    } catch (RuntimeException e) {
      if (!PoisonRecords.isPoison(e)) {
        throw e;
      }
      deadLetters.send(context, record, e);
      metrics.recordDeadLetter(record.value().length); // [metrics hook] after send: FAIL throws
      return;
    }
    metrics.recordOk(record.value().length, decoded.length); // [metrics hook]
    context.forward(record.withValue(decoded), outputSink);
  }

  private Schema writerSchema(int id) {
    try {
      return registry.getById(id);
    } catch (SchemaRegistryException e) {
      if (e.isSchemaNotFound()) {
        throw new io.latentwire.codec.errors.CodecException(
            "source schema id " + id + " is not in the schema registry", e);
      }
      throw e;
    }
  }
}
