package io.latentwire.streams.processor;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryException;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes {@link LatentRecord}s back into records of their original writer schema, written in the
 * Confluent wire format under that schema's original registry id, in batches (see {@link
 * BatchingProcessor}). Key, timestamp and headers pass through; a record that cannot be decoded
 * (corrupt, another model, unknown schema id) goes to the dead-letter sink, and the rest of its
 * batch is still decoded.
 *
 * <p>One instance per task. The {@link RecordCodec} and registry client are shared, not owned.
 */
public final class DecodeProcessor extends BatchingProcessor {
  private final RecordCodec codec;
  private final SchemaRegistryClient registry;
  private final SpecificAvroDeserializer<LatentRecord> in;
  private final GenericAvroSerializer out;
  private final String outputTopic;

  /**
   * @param hookStoreName the pre-commit hook store connected to this processor (batch size > 1)
   * @param outputSink the sink node of the reconstructed topic
   */
  public DecodeProcessor(
      RecordCodec codec,
      SchemaRegistryClient registry,
      SpecificAvroDeserializer<LatentRecord> in,
      GenericAvroSerializer out,
      String outputTopic,
      String outputSink,
      DeadLetters deadLetters,
      BatchSettings batch,
      String hookStoreName,
      BatchStats stats,
      PipelineMetrics metrics) {
    super(batch, hookStoreName, outputSink, deadLetters, stats, metrics);
    this.codec = codec;
    this.registry = registry;
    this.in = in;
    this.out = out;
    this.outputTopic = outputTopic;
  }

  @Override
  protected List<Outcome> transform(List<Record<byte[], byte[]>> batch, String sourceTopic) {
    int n = batch.size();
    Outcome[] outcomes = new Outcome[n];
    List<LatentRecord> latents = new ArrayList<>(n);
    List<Schema> writers = new ArrayList<>(n);
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      try {
        LatentRecord latent = in.deserialize(sourceTopic, batch.get(i).value());
        codec.requireModel(latent);
        Schema writer = writerSchema(latent.getSourceSchemaId());
        index[latents.size()] = i;
        latents.add(latent);
        writers.add(writer);
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.rejectOrThrow(e);
      }
    }
    GenericRecord[] rebuilt = decodeBatch(latents, writers);
    for (int j = 0; j < latents.size(); j++) {
      try {
        LatentRecord latent = latents.get(j);
        GenericRecord r = rebuilt != null ? rebuilt[j] : codec.decode(latent, writers.get(j));
        outcomes[index[j]] =
            Outcome.emit(out.serializeWithSchemaId(outputTopic, latent.getSourceSchemaId(), r));
      } catch (RuntimeException e) {
        outcomes[index[j]] = Outcome.rejectOrThrow(e);
      }
    }
    return Arrays.asList(outcomes);
  }

  /**
   * One inference call for the whole batch; null when a poison record failed it, so that the caller
   * decodes record by record and dead-letters only the bad ones.
   */
  private GenericRecord[] decodeBatch(List<LatentRecord> latents, List<Schema> writers) {
    if (latents.isEmpty()) {
      return new GenericRecord[0];
    }
    try {
      return metrics.timeInference(() -> codec.decode(latents, writers));
    } catch (RuntimeException e) {
      Outcome.rejectOrThrow(e);
      return null;
    }
  }

  private Schema writerSchema(int id) {
    try {
      return registry.getById(id);
    } catch (SchemaRegistryException e) {
      if (e.isSchemaNotFound()) {
        throw new CodecException("source schema id " + id + " is not in the schema registry", e);
      }
      throw e;
    }
  }
}
