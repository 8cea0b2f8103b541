package io.latentwire.ops.replay;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.codec.model.ModelId;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.models.ModelResolver;
import io.latentwire.streams.models.Resolution;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryException;
import io.latentwire.streams.serde.SerdeException;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads offset ranges of a latent topic and decodes every record with the model it names.
 *
 * <p>Reads with its own consumer (read_committed, ranges assigned directly, no group, no commits).
 * Each poll's records are grouped by model, each group resolved once and decoded as a batch, and
 * the results written in topic order. A record that cannot be decoded is counted by {@link
 * FailureKind} (and written to the failures file, if any) and the replay goes on; an environment
 * failure (registry or broker down, an output that cannot be written) stops it with a {@link
 * ReplayException}. Single use, single thread.
 */
public final class Replayer {
  /** Records decoded in one ONNX call at most. */
  private static final int BATCH = 256;

  /**
   * What to replay.
   *
   * @param clientConfig Kafka client settings, at least {@code bootstrap.servers}
   * @param topic the latent topic
   * @param ranges from {@link ReplayPlan}
   * @param stallTimeout how long the replay may go without reading anything before it gives up
   */
  public record Spec(
      Map<String, ?> clientConfig,
      String topic,
      List<PartitionRange> ranges,
      Duration stallTimeout) {
    public Spec {
      clientConfig = Map.copyOf(clientConfig);
      ranges = List.copyOf(ranges);
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(stallTimeout, "stallTimeout");
    }
  }

  private final Spec spec;
  private final SpecificAvroDeserializer<LatentRecord> in;
  private final SchemaRegistryClient registry;
  private final ModelResolver models;
  private final ReplaySink sink;
  private final FailedRecordsFile failures;
  private final ProgressBar progress;

  private long decoded;
  private long tombstones;
  private final Map<FailureKind, Long> failed = new EnumMap<>(FailureKind.class);
  private final Map<String, Long> byModel = new LinkedHashMap<>();
  private final Map<Integer, Schema> schemas = new HashMap<>();

  /**
   * @param in reads LatentRecords (Confluent wire format); not owned
   * @param registry resolves source schema ids; not owned
   * @param models resolves model ids; not owned
   * @param sink written to; not owned (the caller finishes and closes it)
   * @param failures where failed records go, or null
   */
  Replayer(
      Spec spec,
      SpecificAvroDeserializer<LatentRecord> in,
      SchemaRegistryClient registry,
      ModelResolver models,
      ReplaySink sink,
      FailedRecordsFile failures,
      ProgressBar progress) {
    this.spec = spec;
    this.in = in;
    this.registry = registry;
    this.models = models;
    this.sink = sink;
    this.failures = failures;
    this.progress = progress;
  }

  /** One record of a poll on its way through. */
  private static final class Item {
    final ConsumerRecord<byte[], byte[]> source;
    LatentRecord latent;
    GenericRecord decoded;
    int schemaId;
    FailureKind failure;
    String reason;

    Item(ConsumerRecord<byte[], byte[]> source) {
      this.source = source;
    }

    void fail(FailureKind kind, String why) {
      failure = kind;
      reason = why;
    }
  }

  /** Runs the replay; the sink is written but not finished. */
  ReplaySummary run() {
    long t0 = System.nanoTime();
    Map<TopicPartition, PartitionRange> remaining = new LinkedHashMap<>();
    long total = 0;
    for (PartitionRange r : spec.ranges()) {
      total += r.size();
      if (r.size() > 0) {
        remaining.put(r.partition(), r);
      }
    }
    Map<String, Object> c = new HashMap<>(spec.clientConfig());
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "latentwire-replay");
    Map<TopicPartition, Long> done = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(remaining.keySet());
      remaining.values().forEach(r -> consumer.seek(r.partition(), r.start()));
      long lastProgress = System.nanoTime();
      while (!remaining.isEmpty()) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(polled.count());
        for (TopicPartition tp : polled.partitions()) {
          PartitionRange r = remaining.get(tp);
          for (ConsumerRecord<byte[], byte[]> rec : polled.records(tp)) {
            if (r != null && rec.offset() >= r.start() && rec.offset() < r.end()) {
              batch.add(rec);
            }
          }
        }
        process(batch);
        boolean moved = !batch.isEmpty();
        for (PartitionRange r : List.copyOf(remaining.values())) {
          long position = consumer.position(r.partition());
          long d = Math.min(position, r.end()) - r.start();
          if (!Objects.equals(done.put(r.partition(), d), d)) {
            moved = true;
          }
          if (position >= r.end()) {
            remaining.remove(r.partition());
            consumer.pause(List.of(r.partition()));
          }
        }
        if (moved) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > spec.stallTimeout().toNanos()) {
          throw new ReplayException(
              "no records read from "
                  + spec.topic()
                  + " for "
                  + spec.stallTimeout()
                  + "; partitions still open: "
                  + remaining.keySet());
        }
        progress.update(sum(done), total, decoded);
      }
    }
    progress.finish(sum(done), total, decoded);
    List<String> outputs = new ArrayList<>(sink.finish());
    if (failures != null) {
      outputs.add(failures.finish());
    }
    return new ReplaySummary(
        spec.topic(),
        spec.ranges(),
        decoded,
        tombstones,
        Map.copyOf(failed),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModel)),
        outputs,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  private static long sum(Map<TopicPartition, Long> done) {
    return done.values().stream().mapToLong(Long::longValue).sum();
  }

  private void process(List<ConsumerRecord<byte[], byte[]>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Item> items = new ArrayList<>(batch.size());
    Map<String, List<Item>> byModelId = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      Item item = new Item(r);
      items.add(item);
      if (r.value() == null) {
        continue;
      }
      try {
        item.latent = in.deserialize(r.topic(), r.value());
        byModelId
            .computeIfAbsent(
                ModelId.shortHex(item.latent.getModelId().bytes()), k -> new ArrayList<>())
            .add(item);
      } catch (SerdeException e) {
        if (e.reason() == SerdeException.Reason.REGISTRY_ERROR) {
          throw new ReplayException("the schema registry failed: " + e.getMessage(), e);
        }
        item.fail(FailureKind.UNREADABLE, e.getMessage());
      }
    }
    for (List<Item> group : byModelId.values()) {
      decodeGroup(group);
    }
    for (Item item : items) {
      if (item.source.value() == null) {
        tombstones++;
        sink.tombstone(item.source);
      } else if (item.failure != null) {
        failed.merge(item.failure, 1L, Long::sum);
        if (failures != null) {
          failures.write(item.source, item.failure, item.reason);
        }
      } else {
        sink.write(item.source, item.schemaId, item.decoded);
        decoded++;
        byModel.merge(ModelId.shortHex(item.latent.getModelId().bytes()), 1L, Long::sum);
      }
    }
  }

  private void decodeGroup(List<Item> group) {
    byte[] id = group.get(0).latent.getModelId().bytes();
    try (Resolution model = models.resolve(id)) {
      if (!model.isReady()) {
        FailureKind kind =
            model.status() == Resolution.Status.UNKNOWN
                ? FailureKind.UNKNOWN_MODEL
                : FailureKind.UNTRUSTED_MODEL;
        String why = model.failure().getMessage();
        group.forEach(i -> i.fail(kind, why));
        return;
      }
      List<Item> ready = new ArrayList<>(group.size());
      for (Item i : group) {
        i.schemaId = i.latent.getSourceSchemaId();
        Schema writer = writerSchema(i);
        if (writer != null) {
          ready.add(i);
        }
      }
      for (int from = 0; from < ready.size(); from += BATCH) {
        decodeBatch(model.codec(), ready.subList(from, Math.min(ready.size(), from + BATCH)));
      }
    }
  }

  private void decodeBatch(RecordCodec codec, List<Item> items) {
    List<LatentRecord> latents = new ArrayList<>(items.size());
    List<Schema> writers = new ArrayList<>(items.size());
    items.forEach(
        i -> {
          latents.add(i.latent);
          writers.add(schemas.get(i.schemaId));
        });
    try {
      GenericRecord[] out = codec.decode(latents, writers);
      for (int k = 0; k < out.length; k++) {
        items.get(k).decoded = out[k];
      }
    } catch (CodecException e) {
      // One bad record spoils the batch call: decode one by one to find it.
      for (Item i : items) {
        try {
          i.decoded = codec.decode(i.latent, schemas.get(i.schemaId));
        } catch (CodecException one) {
          i.fail(FailureKind.UNDECODABLE, one.getMessage());
        }
      }
    }
  }

  private Schema writerSchema(Item item) {
    int id = item.schemaId;
    Schema s = schemas.get(id);
    if (s != null) {
      return s;
    }
    if (id < 0) {
      item.fail(FailureKind.UNDECODABLE, "the record has no source schema id (" + id + ")");
      return null;
    }
    try {
      s = registry.getById(id);
    } catch (SchemaRegistryException e) {
      if (e.isSchemaNotFound()) {
        item.fail(
            FailureKind.UNDECODABLE, "source schema id " + id + " is not in the schema registry");
        return null;
      }
      throw new ReplayException("the schema registry failed: " + e.getMessage(), e);
    }
    schemas.put(id, s);
    return s;
  }
}
