package io.latentwire.streams.processor;

import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.metrics.PipelineMetrics;
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
  private final PipelineMetrics metrics;
  private ProcessorContext<byte[], byte[]> context;

  public EncodeProcessor(
      RecordCodec codec,
      GenericAvroDeserializer in,
      SpecificAvroSerializer<LatentRecord> out,
      String latentTopic,
      String latentSink,
      DeadLetters deadLetters,
      PipelineMetrics metrics) {
    this.codec = codec;
    this.in = in;
    this.out = out;
    this.latentTopic = latentTopic;
    this.latentSink = latentSink;
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
      context.forward(record, latentSink);
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    byte[] encoded;
    try {
      RecordWithSchemaId source = in.deserializeWithId(topic, record.value());
      LatentRecord latent =
          metrics.timeInference( // [metrics hook]
              () -> codec.encode(source.value(), source.schemaId()));
      metrics.recordBatch(1); // [metrics hook] the batch size, once batching lands
      encoded = out.serialize(latentTopic, latent);
      metrics.sampleReconstruction(source.value(), latent); // [metrics hook] never throws
    } catch (RuntimeException e) {
      if (!PoisonRecords.isPoison(e)) {
        throw e;
      }
      deadLetters.send(context, record, e);
      metrics.recordDeadLetter(record.value().length); // [metrics hook] after send: FAIL throws
      return;
    }
    metrics.recordOk(record.value().length, encoded.length); // [metrics hook]
    context.forward(record.withValue(encoded), latentSink);
  }
}
