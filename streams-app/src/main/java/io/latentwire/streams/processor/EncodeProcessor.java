package io.latentwire.streams.processor;

import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Encodes each source record (Confluent wire format, any writer schema that satisfies the model's
 * mapping) into a {@link LatentRecord}. Key, timestamp and headers pass through; a tombstone stays
 * a tombstone; a record that cannot be encoded goes to the dead-letter sink.
 *
 * <p>One instance per task. The {@link RecordCodec} is shared and not owned.
 */
public final class EncodeProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final RecordCodec codec;
  private final GenericAvroDeserializer in;
  private final SpecificAvroSerializer<LatentRecord> out;
  private final String latentTopic;
  private final String latentSink;
  private final DeadLetters deadLetters;
  private ProcessorContext<byte[], byte[]> context;

  public EncodeProcessor(
      RecordCodec codec,
      GenericAvroDeserializer in,
      SpecificAvroSerializer<LatentRecord> out,
      String latentTopic,
      String latentSink,
      DeadLetters deadLetters) {
    this.codec = codec;
    this.in = in;
    this.out = out;
    this.latentTopic = latentTopic;
    this.latentSink = latentSink;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      context.forward(record, latentSink);
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    byte[] encoded;
    try {
      RecordWithSchemaId source = in.deserializeWithId(topic, record.value());
      LatentRecord latent = codec.encode(source.value(), source.schemaId());
      encoded = out.serialize(latentTopic, latent);
    } catch (RuntimeException e) {
      if (!PoisonRecords.isPoison(e)) {
        throw e;
      }
      deadLetters.send(context, record, e);
      return;
    }
    context.forward(record.withValue(encoded), latentSink);
  }
}
