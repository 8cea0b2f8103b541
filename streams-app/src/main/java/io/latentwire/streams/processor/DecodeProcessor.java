package io.latentwire.streams.processor;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.models.ModelResolver;
import io.latentwire.streams.models.Resolution;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryException;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final ModelResolver models;
  private final SchemaRegistryClient registry;
  private final SpecificAvroDeserializer<LatentRecord> in;
  private final GenericAvroSerializer out;
  private final String outputTopic;

  /**
   * @param models resolves each record's model (one fixed model, or the models topic); shared
   * @param hookStoreName the pre-commit hook store connected to this processor (batch size > 1)
   * @param outputSink the sink node of the reconstructed topic
   */
  public DecodeProcessor(
      ModelResolver models,
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
    this.models = models;
    this.registry = registry;
    this.in = in;
    this.out = out;
    this.outputTopic = outputTopic;
  }

  @Override
  protected List<Outcome> transform(List<Record<byte[], byte[]>> batch, String sourceTopic) {
    int n = batch.size();
    Outcome[] outcomes = new Outcome[n];
    // Records of one model decode in one inference call; models are resolved once per batch.
    Map<String, List<Integer>> byModel = new LinkedHashMap<>();
    LatentRecord[] latents = new LatentRecord[n];
    Schema[] writers = new Schema[n];
    for (int i = 0; i < n; i++) {
      try {
        latents[i] = in.deserialize(sourceTopic, batch.get(i).value());
        writers[i] = writerSchema(latents[i].getSourceSchemaId());
        String id = HexFormat.of().formatHex(latents[i].getModelId().bytes());
        byModel.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.rejectOrThrow(e);
      }
    }
    for (List<Integer> group : byModel.values()) {
      byte[] id = latents[group.get(0)].getModelId().bytes();
      try (Resolution model = models.resolve(id)) {
        if (!model.isReady()) {
          for (int i : group) {
            outcomes[i] = Outcome.rejectOrThrow(model.failure());
          }
          continue;
        }
        decodeGroup(model.codec(), group, latents, writers, outcomes);
      }
    }
    return Arrays.asList(outcomes);
  }

  private void decodeGroup(
      RecordCodec codec,
      List<Integer> group,
      LatentRecord[] latents,
      Schema[] writers,
      Outcome[] outcomes) {
    List<LatentRecord> ls = new ArrayList<>(group.size());
    List<Schema> ws = new ArrayList<>(group.size());
    for (int i : group) {
      ls.add(latents[i]);
      ws.add(writers[i]);
    }
    GenericRecord[] rebuilt = decodeBatch(codec, ls, ws);
    for (int j = 0; j < group.size(); j++) {
      int i = group.get(j);
      try {
        GenericRecord r = rebuilt != null ? rebuilt[j] : codec.decode(latents[i], writers[i]);
        outcomes[i] =
            Outcome.emit(out.serializeWithSchemaId(outputTopic, latents[i].getSourceSchemaId(), r));
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.rejectOrThrow(e);
      }
    }
  }

  /**
   * One inference call for a model's records; null when a poison record failed it, so that the
   * caller decodes record by record and dead-letters only the bad ones.
   */
  private GenericRecord[] decodeBatch(
      RecordCodec codec, List<LatentRecord> latents, List<Schema> writers) {
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
