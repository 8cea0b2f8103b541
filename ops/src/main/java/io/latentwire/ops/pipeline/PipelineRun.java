package io.latentwire.ops.pipeline;

import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Streams a set of records through the whole pipeline on a real broker: creates the topics,
 * produces the records (Confluent wire format), runs the encode and decode apps in this JVM, and
 * reads every reconstructed record back with a read_committed consumer.
 *
 * <p>Used by the demo and the integration tests, so both exercise exactly the same path.
 */
public final class PipelineRun {
  /**
   * What to run.
   *
   * @param clientConfig Kafka client settings besides {@code bootstrap.servers} (security.protocol,
   *     sasl.*, ssl.*...), used by every client of the run: topic admin, producer, the apps and the
   *     consumers that read the results; empty for a PLAINTEXT cluster
   */
  public record Spec(
      String bootstrapServers,
      String registryUrl,
      SchemaRegistryClient registry,
      Path modelPath,
      String topic,
      int partitions,
      Path stateDir,
      Duration timeout,
      Map<String, Object> clientConfig) {
    public Spec {
      clientConfig = Map.copyOf(clientConfig);
    }

    /** A run on a cluster reachable without authentication. */
    public Spec(
        String bootstrapServers,
        String registryUrl,
        SchemaRegistryClient registry,
        Path modelPath,
        String topic,
        int partitions,
        Path stateDir,
        Duration timeout) {
      this(
          bootstrapServers,
          registryUrl,
          registry,
          modelPath,
          topic,
          partitions,
          stateDir,
          timeout,
          Map.of());
    }
  }

  /** One reconstructed record as read from the output topic. */
  public record Output(
      String key, int schemaId, GenericRecord value, long timestamp, Map<String, String> headers) {}

  /** What came out, and what it cost. */
  public record Result(
      int produced,
      List<Output> outputs,
      List<ConsumerRecord<byte[], byte[]>> deadLetters,
      long rawLogBytes,
      long latentLogBytes,
      long reconstructedLogBytes,
      double rawWireBytesPerRecord,
      Duration produceTime,
      Duration pipelineTime,
      Duration firstToLastOutput) {}

  private final Spec spec;

  public PipelineRun(Spec spec) {
    this.spec = spec;
  }

  /** Topic names of the run. */
  public String rawTopic() {
    return spec.topic();
  }

  public String latentTopic() {
    return spec.topic() + ".latent";
  }

  public String reconstructedTopic() {
    return spec.topic() + ".reconstructed";
  }

  /** The config a side runs with; extra entries override. */
  public Map<String, Object> appConfig(Side side, Map<String, Object> extra) {
    Map<String, Object> c = new HashMap<>(spec.clientConfig());
    c.put(LatentwireConfig.TOPIC_CONFIG, spec.topic());
    c.put("bootstrap.servers", spec.bootstrapServers());
    c.put(LatentwireConfig.SCHEMA_REGISTRY_URL_CONFIG, spec.registryUrl());
    c.put(LatentwireConfig.MODEL_PATH_CONFIG, spec.modelPath().toString());
    c.put("state.dir", spec.stateDir().resolve(side.label()).toString());
    c.put("commit.interval.ms", "100");
    c.put("num.stream.threads", "1");
    // The latent topic is what users replicate and keep: compress its batches.
    c.put("producer.compression.type", "zstd");
    c.put("producer.linger.ms", "20");
    // Both apps run in this JVM: no fixed HTTP port for either (they would collide on 8080).
    c.put(LatentwireConfig.HTTP_PORT_CONFIG, "0");
    c.putAll(extra);
    return c;
  }

  /**
   * Runs the pipeline on {@code records}. Each record is keyed by {@code keys.get(i)}.
   *
   * @param extraProduce records produced after the good ones (e.g. poison records); they count as
   *     produced but are expected on the dead-letter topic, not the output
   * @param progress called with the number of reconstructed records read so far
   */
  public Result run(
      List<String> keys,
      List<GenericRecord> records,
      List<ProducerRecord<byte[], byte[]>> extraProduce,
      Map<String, Object> appOverrides,
      LongConsumer progress) {
    try (TopicAdmin admin = TopicAdmin.connect(clientConfig(), TopicAdmin.DEFAULT_TIMEOUT)) {
      createTopics(admin);
      long t0 = System.nanoTime();
      double wireBytes = produce(keys, records, extraProduce);
      Duration produceTime = Duration.ofNanos(System.nanoTime() - t0);

      long start = System.nanoTime();
      List<Output> outputs;
      try (PipelineApp encoder =
              PipelineApp.start(
                  Side.ENCODE,
                  new LatentwireConfig(appConfig(Side.ENCODE, appOverrides)),
                  spec.registry());
          PipelineApp decoder =
              PipelineApp.start(
                  Side.DECODE,
                  new LatentwireConfig(appConfig(Side.DECODE, appOverrides)),
                  spec.registry())) {
        outputs = consumeOutputs(records.size(), progress, encoder, decoder);
      }
      Duration pipelineTime = Duration.ofNanos(System.nanoTime() - start);
      List<ConsumerRecord<byte[], byte[]>> dead = readAll(rawTopic() + ".dlq", extraProduce.size());
      return new Result(
          records.size() + extraProduce.size(),
          outputs,
          dead,
          admin.logSizeBytes(rawTopic()),
          admin.logSizeBytes(latentTopic()),
          admin.logSizeBytes(reconstructedTopic()),
          wireBytes,
          produceTime,
          pipelineTime,
          Duration.ofNanos(lastOutputNanos - firstOutputNanos));
    }
  }

  /**
   * Creates the run's topics: raw, latent and reconstructed with the spec's partitions, and the two
   * dead-letter topics with one partition each.
   */
  public void createTopics(TopicAdmin admin) {
    admin.createTopics(
        List.of(
            TopicSpec.of(rawTopic(), spec.partitions()),
            TopicSpec.of(latentTopic(), spec.partitions()),
            TopicSpec.of(reconstructedTopic(), spec.partitions()),
            TopicSpec.of(rawTopic() + ".dlq", 1),
            TopicSpec.of(latentTopic() + ".dlq", 1)));
  }

  /**
   * Produces the records to the raw topic in the Confluent wire format, zstd-compressed (the
   * baseline users have today), with timestamps 1_700_000_000_000 + index, then {@code extra} as
   * they are.
   *
   * @return the mean wire-format size of a value, 0 for no records
   */
  public double produce(
      List<String> keys, List<GenericRecord> records, List<ProducerRecord<byte[], byte[]>> extra) {
    Map<String, Object> p = clientConfig();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // The baseline users have today: Kafka's own zstd on the raw topic.
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    GenericAvroSerializer serializer =
        new GenericAvroSerializer(spec.registry(), AvroSerdeConfig.defaults());
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records.size(); i++) {
        byte[] value = serializer.serialize(rawTopic(), records.get(i));
        bytes += value.length;
        producer.send(
            new ProducerRecord<>(
                rawTopic(),
                null,
                (long) i + 1_700_000_000_000L,
                keys.get(i).getBytes(StandardCharsets.UTF_8),
                value));
      }
      for (ProducerRecord<byte[], byte[]> r : extra) {
        producer.send(r);
      }
      producer.flush();
    }
    return records.isEmpty() ? 0 : (double) bytes / records.size();
  }

  private long firstOutputNanos;
  private long lastOutputNanos;

  private List<Output> consumeOutputs(
      int expected, LongConsumer progress, PipelineApp encoder, PipelineApp decoder) {
    GenericAvroDeserializer deserializer = new GenericAvroDeserializer(spec.registry());
    List<Output> all = new ArrayList<>(expected);
    long deadline = System.nanoTime() + spec.timeout().toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(reconstructedTopic()));
      while (all.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "timed out after "
                  + spec.timeout()
                  + " with "
                  + all.size()
                  + " of "
                  + expected
                  + " records reconstructed");
        }
        for (PipelineApp app : List.of(encoder, decoder)) {
          if (app.failure() != null) {
            throw new IllegalStateException(app.side().label() + " app failed", app.failure());
          }
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          RecordWithSchemaId v = deserializer.deserializeWithId(r.topic(), r.value());
          Map<String, String> headers = new HashMap<>();
          r.headers()
              .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
          Output o =
              new Output(
                  new String(r.key(), StandardCharsets.UTF_8),
                  v.schemaId(),
                  v.value(),
                  r.timestamp(),
                  headers);
          all.add(o);
          lastOutputNanos = System.nanoTime();
          if (all.size() == 1) {
            firstOutputNanos = lastOutputNanos;
          }
        }
        progress.accept(all.size());
      }
    }
    return all;
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 1 : 15).toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      while (System.nanoTime() < deadline && (out.size() < expected || expected == 0)) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Settings of a Kafka client of this run: the spec's security settings and bootstrap. */
  private Map<String, Object> clientConfig() {
    Map<String, Object> c = new HashMap<>(spec.clientConfig());
    c.put("bootstrap.servers", spec.bootstrapServers());
    return c;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> c = clientConfig();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "latentwire-check-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
