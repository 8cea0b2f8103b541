package io.latentwire.streams.processor;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Encodes source records (Confluent wire format, any writer schema that satisfies the model's
 * mapping) into {@link LatentRecord}s, in batches (see {@link BatchingProcessor}). Key, timestamp
 * and headers pass through; a tombstone stays a tombstone; a record that cannot be encoded goes to
 * the dead-letter sink, and the rest of its batch is still encoded.
 *
 * <p>Every record is coded with the same {@link EncodeSettings} (operating point, optional
 * max-abs-error bound), checked against the model when the app starts.
 *
 * <p>One instance per task. The {@link RecordCodec} is shared and not owned.
 */
public final class EncodeProcessor extends BatchingProcessor {
  private final RecordCodec codec;
  private final EncodeSettings settings;
  private final GenericAvroDeserializer in;
  private final SpecificAvroSerializer<LatentRecord> out;
  private final String latentTopic;

  /**
   * An encoder with the bundle's defaults: its default operating point, and its default bound if it
   * has one.
   *
   * @param hookStoreName the pre-commit hook store connected to this processor (batch size > 1)
   * @param latentSink the sink node of the latent topic
   */
  public EncodeProcessor(
      RecordCodec codec,
      GenericAvroDeserializer in,
      SpecificAvroSerializer<LatentRecord> out,
      String latentTopic,
      String latentSink,
      DeadLetters deadLetters,
      BatchSettings batch,
      String hookStoreName,
      BatchStats stats,
      PipelineMetrics metrics) {
    this(
        codec,
        EncodeSettings.defaults(),
        in,
        out,
        latentTopic,
        latentSink,
        deadLetters,
        batch,
        hookStoreName,
        stats,
        metrics);
  }

  /**
   * @param hookStoreName the pre-commit hook store connected to this processor (batch size > 1)
   * @param settings operating point and bound of every record; valid for {@code codec}'s model
   * @param latentSink the sink node of the latent topic
   */
  public EncodeProcessor(
      RecordCodec codec,
      EncodeSettings settings,
      GenericAvroDeserializer in,
      SpecificAvroSerializer<LatentRecord> out,
      String latentTopic,
      String latentSink,
      DeadLetters deadLetters,
      BatchSettings batch,
      String hookStoreName,
      BatchStats stats,
      PipelineMetrics metrics) {
    super(batch, hookStoreName, latentSink, deadLetters, stats, metrics);
    this.codec = codec;
    this.settings = java.util.Objects.requireNonNull(settings, "settings");
    this.in = in;
    this.out = out;
    this.latentTopic = latentTopic;
  }

  @Override
  protected List<Outcome> transform(List<Record<byte[], byte[]>> batch, String sourceTopic) {
    int n = batch.size();
    Outcome[] outcomes = new Outcome[n];
    List<GenericRecord> sources = new ArrayList<>(n);
    int[] schemaIds = new int[n];
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      try {
        RecordWithSchemaId s = in.deserializeWithId(sourceTopic, batch.get(i).value());
        schemaIds[sources.size()] = s.schemaId();
        index[sources.size()] = i;
        sources.add(s.value());
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.rejectOrThrow(e);
      }
    }
    int[] ids = Arrays.copyOf(schemaIds, sources.size());
    LatentRecord[] latents = encodeBatch(sources, ids);
    for (int j = 0; j < sources.size(); j++) {
      try {
        LatentRecord latent =
            latents != null ? latents[j] : codec.encode(sources.get(j), ids[j], settings);
        outcomes[index[j]] = Outcome.emit(out.serialize(latentTopic, latent));
        metrics.sampleReconstruction(sources.get(j), latent); // never throws
      } catch (RuntimeException e) {
        outcomes[index[j]] = Outcome.rejectOrThrow(e);
      }
    }
    return Arrays.asList(outcomes);
  }

  /**
   * One inference call for the whole batch; null when a poison record failed it, so that the caller
   * encodes record by record and dead-letters only the bad ones.
   */
  private LatentRecord[] encodeBatch(List<GenericRecord> sources, int[] ids) {
    if (sources.isEmpty()) {
      return new LatentRecord[0];
    }
    try {
      return metrics.timeInference(() -> codec.encode(sources, ids, settings));
    } catch (RuntimeException e) {
      Outcome.rejectOrThrow(e);
      return null;
    }
  }
}
