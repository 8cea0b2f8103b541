package io.latentwire.streams.topology;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.processor.EncodeProcessor;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The encode topology: source records (Confluent wire format) → {@link LatentRecord}s on the latent
 * topic, poison records to the dead-letter topic. A pure builder: no threads, no I/O.
 */
public final class EncodeTopology {
  public static final String SOURCE = "source-records";
  public static final String PROCESSOR = "encode";
  public static final String SINK = "latent-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /** The per-task pre-commit hook that drains batches; present when batches exceed 1 record. */
  public static final String BATCH_HOOK_STORE = "encode-batch-hook";

  private EncodeTopology() {}

  /** The topology with the default batching ({@link BatchSettings#defaults()}), uncounted. */
  public static Topology build(
      Topics topics, ErrorPolicy policy, RecordCodec codec, SchemaRegistryClient registry) {
    return build(topics, policy, codec, registry, BatchSettings.defaults(), new BatchStats());
  }

  /**
   * @param codec shared by every task; the caller owns and closes its ONNX sessions
   * @param registry resolves source writer schemas and registers the LatentRecord schema
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
    return build(topics, policy, codec, registry, batch, stats, PipelineMetrics.noop(Side.ENCODE));
  }

  /**
   * The topology coding at the bundle's default operating point, without a bound.
   *
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
    return build(topics, policy, codec, EncodeSettings.defaults(), registry, batch, stats, metrics);
  }

  /**
   * @param settings operating point and optional max-abs-error bound of every record; checked
   *     against {@code codec}'s model by the caller
   * @param metrics the app's meters; shared by every task
   */
  public static Topology build(
      Topics topics,
      ErrorPolicy policy,
      RecordCodec codec,
      EncodeSettings settings,
      SchemaRegistryClient registry,
      BatchSettings batch,
      BatchStats stats,
      PipelineMetrics metrics) {
    GenericAvroDeserializer in = new GenericAvroDeserializer(registry);
    SpecificAvroSerializer<LatentRecord> out =
        new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    DeadLetters deadLetters = new DeadLetters(DEAD_LETTER_SINK, policy, "encode");
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
                new EncodeProcessor(
                    codec,
                    settings,
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
