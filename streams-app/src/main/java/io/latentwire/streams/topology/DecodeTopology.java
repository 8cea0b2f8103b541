package io.latentwire.streams.topology;

import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.models.ModelResolver;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.processor.DecodeProcessor;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import org.apache.kafka.streams.Topology;

/**
 * The decode topology: {@link LatentRecord}s → records in their original writer schema and registry
 * id on the reconstructed topic; undecodable records to the dead-letter topic. A pure builder: no
 * threads, no I/O.
 */
public final class DecodeTopology {
  public static final String SOURCE = "latent-records";
  public static final String PROCESSOR = "decode";
  public static final String SINK = "reconstructed-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /** The per-task pre-commit hook that drains batches; present when batches exceed 1 record. */
  public static final String BATCH_HOOK_STORE = "decode-batch-hook";

  private DecodeTopology() {}

  /** The topology with the default batching ({@link BatchSettings#defaults()}), uncounted. */
  public static Topology build(
      Topics topics, ErrorPolicy policy, RecordCodec codec, SchemaRegistryClient registry) {
    return build(topics, policy, codec, registry, BatchSettings.defaults(), new BatchStats());
  }

  /**
   * @param codec shared by every task; the caller owns and closes its ONNX sessions
   * @param registry resolves the writer schema of every source schema id
   * @param batch how records are grouped for inference
   * @param stats counts drained batches; shared by every task
   */
  public static Topology build(
      Topics topics,
      ErrorPolicy policy,
      RecordCodec codec,
      SchemaRegistryClient registry,
      BatchSettings batch,
      BatchStats stats) {
    return build(topics, policy, codec, registry, batch, stats, PipelineMetrics.noop(Side.DECODE));
  }

  /**
   * @param metrics the app's meters; shared by every task
   */
  public static Topology build(
      Topics topics,
      ErrorPolicy policy,
      RecordCodec codec,
      SchemaRegistryClient registry,
      BatchSettings batch,
      BatchStats stats,
      PipelineMetrics metrics) {
    return build(topics, policy, ModelResolver.single(codec), registry, batch, stats, metrics);
  }

  /**
   * The decode topology resolving each record's model through {@code models} (one fixed model, or
   * the compacted models topic, so a new model needs no restart and old records still decode).
   *
   * @param models shared by every task; the caller owns and closes it
   */
  public static Topology build(
      Topics topics,
      ErrorPolicy policy,
      ModelResolver models,
      SchemaRegistryClient registry,
      BatchSettings batch,
      BatchStats stats,
      PipelineMetrics metrics) {
    SpecificAvroDeserializer<LatentRecord> in =
        new SpecificAvroDeserializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    GenericAvroSerializer out = new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    DeadLetters deadLetters = new DeadLetters(DEAD_LETTER_SINK, policy, "decode");
    return SingleProcessorTopology.build(
        topics,
        SOURCE,
        PROCESSOR,
        SINK,
        DEAD_LETTER_SINK,
        new BatchingSupplier(
            batch,
            BATCH_HOOK_STORE,
            () ->
                new DecodeProcessor(
                    models,
                    registry,
                    in,
                    out,
                    topics.output(),
                    SINK,
                    deadLetters,
                    batch,
                    BATCH_HOOK_STORE,
                    stats,
                    metrics)));
  }
}
