package io.latentwire.ops.replay;

import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.models.ModelRegistry;
import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One replay, end to end: follows the models topic ({@link ModelRegistry}), plans the offset
 * ranges, opens the output and runs the {@link Replayer}. What {@code latentwire replay} calls.
 */
public final class Replay {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A replay request.
   *
   * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
   * @param registry the schema registry of the latent and source schemas; not owned
   * @param topic the latent topic to read
   * @param from first record (inclusive)
   * @param to end of the range (exclusive)
   * @param output where decoded records go
   * @param models how models are resolved (models topic, trust)
   * @param failedRecords where records that fail go (an Avro file), or null
   * @param stallTimeout how long reading may stall before the replay fails
   */
  public record Request(
      Map<String, ?> clientConfig,
      SchemaRegistryClient registry,
      String topic,
      ReplayBound from,
      ReplayBound to,
      ReplayOutput output,
      ModelRegistryConfig models,
      Path failedRecords,
      Duration stallTimeout) {
    public Request {
      clientConfig = Map.copyOf(clientConfig);
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(models, "models");
      Objects.requireNonNull(stallTimeout, "stallTimeout");
    }
  }

  private Replay() {}

  /**
   * Runs a replay.
   *
   * @throws ReplayException when the replay cannot be done (no such topic, output refused, broker
   *     or registry failure); records that merely fail to decode are counted in the summary
   */
  public static ReplaySummary run(Request request, ProgressBar progress) {
    List<PartitionRange> ranges;
    int partitions;
    Map<String, Object> meta = new HashMap<>(request.clientConfig());
    meta.remove("group.id");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(meta, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      ranges =
          ReplayPlan.plan(
              consumer, request.topic(), request.from(), request.to(), METADATA_TIMEOUT);
      partitions = ranges.size();
      if (request.output().kind() == ReplayOutput.Kind.TOPIC) {
        List<PartitionInfo> out =
            consumer.partitionsFor(request.output().target(), METADATA_TIMEOUT);
        if (out == null || out.isEmpty()) {
          createTopic(request, partitions);
        }
      }
    }
    SpecificAvroDeserializer<LatentRecord> in =
        new SpecificAvroDeserializer<>(
            request.registry(), LatentRecord.class, AvroSerdeConfig.defaults());
    GenericAvroSerializer serializer =
        new GenericAvroSerializer(request.registry(), AvroSerdeConfig.defaults());
    try (ModelRegistry models = ModelRegistry.start(request.models(), request.clientConfig());
        ReplaySink sink = request.output().open(request.clientConfig(), serializer);
        FailedRecordsFile failures =
            request.failedRecords() == null
                ? null
                : new FailedRecordsFile(request.failedRecords())) {
      Replayer.Spec spec =
          new Replayer.Spec(
              request.clientConfig(), request.topic(), ranges, request.stallTimeout());
      return new Replayer(spec, in, request.registry(), models, sink, failures, progress).run();
    }
  }

  private static void createTopic(Request request, int partitions) {
    Object bootstrap = request.clientConfig().get("bootstrap.servers");
    Map<String, Object> admin = new HashMap<>(request.clientConfig());
    try (TopicAdmin topics = TopicAdmin.connect(admin, TopicAdmin.DEFAULT_TIMEOUT)) {
      topics.createTopic(TopicSpec.of(request.output().target(), partitions));
    } catch (RuntimeException e) {
      throw new ReplayException(
          "cannot create output topic "
              + request.output().target()
              + " on "
              + bootstrap
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
