package io.latentwire.ops.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.dataset.DataFormat;
import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.normalize.Normalization;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.ops.demo.TelemetryConfig;
import io.latentwire.ops.demo.TelemetryGenerator;
import io.latentwire.ops.embedded.EmbeddedKafkaBroker;
import io.latentwire.ops.embedded.EmbeddedSchemaRegistry;
import io.latentwire.ops.interop.TopicReader;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.ops.pipeline.PipelineRun;
import io.latentwire.ops.replay.ProgressBar;
import io.latentwire.ops.replay.Replay;
import io.latentwire.ops.replay.ReplayBound;
import io.latentwire.ops.replay.ReplayOutput;
import io.latentwire.ops.replay.ReplaySummary;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.app.PipelineApp;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.models.ModelAnnouncements;
import io.latentwire.streams.models.ModelPublisher;
import io.latentwire.streams.models.ModelRegistryConfig;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import io.latentwire.trainer.pipeline.ModelTrainer;
import io.latentwire.trainer.pipeline.TrainingMonitor;
import io.latentwire.trainer.pipeline.TrainingOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sites on 127.0.0.1, each its own single-node KRaft cluster, and one schema registry both
 * reach. Site A encodes; MirrorMaker 2, run in this JVM with the committed {@code
 * ops/mirror/mm2.properties}, replicates only {@code telemetry.latent} and {@code
 * latentwire.models} to site B; at B the decode app, configured by the committed {@code
 * ops/mirror/decoder-site-b.properties}, reconstructs every record, and a replay resolves the model
 * from the mirrored models topic alone.
 *
 * <p>The decode app at B has no model.path: it resolves each record's model from the mirrored
 * models topic ({@code ModelRegistry} on {@code A.latentwire.models}), as does the replay.
 *
 * <p>Prints the bytes that crossed, against a second MirrorMaker flow that mirrors the raw topic
 * (zstd-compressed by its producer, the baseline users have today) with the same settings.
 */
class MirrorMakerTwoSitesIntegrationTest {
  static final int RECORDS = 3000;
  static final int ABORTED = 6;
  static final String TOPIC = "telemetry";
  static final String MODELS = ModelAnnouncements.DEFAULT_TOPIC;
  static final String MIRRORED_LATENT = "A." + TOPIC + ".latent";
  static final String MIRRORED_MODELS = "A." + MODELS;
  static final String RAW_ALIAS = "Araw";
  static final String MIRRORED_RAW = RAW_ALIAS + "." + TOPIC;
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static final Resources resources = new Resources();
  static ModelBundle bundle;
  static final Map<String, TelemetryRecord> produced = new HashMap<>();
  static int schemaId;
  static String siteB;
  static HttpSchemaRegistryClient registry;
  static List<ConsumerRecord<byte[], byte[]>> reconstructed;
  static PipelineApp encoder;
  static PipelineApp decoder;

  @BeforeAll
  static void encodeAtSiteAMirrorAndDecodeAtSiteB() throws Exception {
    TelemetryGenerator gen = new TelemetryGenerator(TelemetryConfig.defaults(17L));
    bundle = trainTinyModel(gen);
    Path modelFile = dir.resolve("telemetry.lwm");
    bundle.write(modelFile);
    List<String> keys = new ArrayList<>();
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      TelemetryRecord r = gen.next().record();
      String key = r.getDeviceId() + "@" + r.getTimestamp().toEpochMilli();
      keys.add(key);
      records.add(r);
      produced.put(key, r);
    }

    EmbeddedKafkaBroker[] sites = startTwoBrokers();
    String siteA = sites[0].bootstrapServers();
    siteB = sites[1].bootstrapServers();
    EmbeddedSchemaRegistry registryServer = resources.add(EmbeddedSchemaRegistry.start());
    registry = HttpSchemaRegistryClient.forUrls(registryServer.url());
    schemaId = registry.register(TOPIC + "-value", TelemetryRecord.getClassSchema());

    // Site A: topics, the model announced on A's models topic, the records, the encoder.
    PipelineRun runA =
        new PipelineRun(
            new PipelineRun.Spec(
                siteA,
                registryServer.url(),
                registry,
                modelFile,
                TOPIC,
                2,
                dir.resolve("state-a"),
                WAIT));
    try (TopicAdmin admin = TopicAdmin.connect(siteA)) {
      runA.createTopics(admin);
    }
    new ModelPublisher(Map.of("bootstrap.servers", siteA), MODELS, Duration.ofSeconds(30))
        .publish(bundle, "two-site replication test", null);
    runA.produce(keys, records, List.of());
    abortedTransactionOnTheLatentTopic(siteA, runA.latentTopic());
    encoder =
        resources.add(
            PipelineApp.start(
                Side.ENCODE,
                new LatentwireConfig(runA.appConfig(Side.ENCODE, Map.of())),
                registry));

    // MirrorMaker 2: the committed flow, and the raw-topic flow it is compared with.
    Map<String, String> latentFlow =
        MirrorMakerConfigs.forLocalClusters(
            MirrorMakerConfigs.load(MirrorMakerConfigs.MM2_FILE), siteA, siteB);
    resources.add(EmbeddedMirrorMaker.start(latentFlow));
    resources.add(
        EmbeddedMirrorMaker.start(MirrorMakerConfigs.renamedSource(latentFlow, RAW_ALIAS, TOPIC)));

    // Site B: the decoder reads the mirrored latent topic.
    TopicAdmin adminB = resources.add(TopicAdmin.connect(siteB));
    awaitTopics(adminB, List.of(MIRRORED_LATENT, MIRRORED_MODELS));
    adminB.createTopics(
        List.of(TopicSpec.of(TOPIC + ".reconstructed", 2), TopicSpec.of(TOPIC + ".latent.dlq", 1)));
    decoder =
        resources.add(
            PipelineApp.start(
                Side.DECODE, decoderAtSiteB(siteB, registryServer.url(), modelFile), registry));
    reconstructed =
        TopicReader.readAll(siteB, TOPIC + ".reconstructed", RECORDS, Duration.ofSeconds(90));

    awaitRecordCount(siteB, MIRRORED_RAW, RECORDS);
    BytesCrossed crossed = measure(siteA, siteB);
    System.out.println(crossed.report(RECORDS));
    bytesCrossed = crossed;
  }

  static BytesCrossed bytesCrossed;

  @AfterAll
  static void stopEverything() throws Exception {
    resources.close();
  }

  @Test
  void shouldReconstructEveryRecordAtSiteBExactlyOnceUnderItsOriginalSchemaId() {
    assertThat(encoder.failure()).isNull();
    assertThat(decoder.failure()).isNull();
    assertThat(reconstructed).hasSize(RECORDS);
    Map<String, GenericRecord> atB = decodedAtB();
    assertThat(atB.keySet()).containsExactlyInAnyOrderElementsOf(produced.keySet());
    GenericAvroDeserializer serde = new GenericAvroDeserializer(registry);
    assertThat(reconstructed)
        .allSatisfy(
            r ->
                assertThat(serde.deserializeWithId(r.topic(), r.value()).schemaId())
                    .isEqualTo(schemaId));
  }

  @Test
  void shouldDecodeAtSiteBExactlyWhatTheCodecGivesOfflineAndPassFieldsThrough() {
    FieldMapping mapping = bundle.manifest().mapping();
    Normalization norm = bundle.manifest().normalization();
    try (LatentCodec codec = LatentCodec.open(bundle, InferenceOptions.cpu())) {
      decodedAtB()
          .forEach(
              (key, actual) -> {
                TelemetryRecord original = produced.get(key);
                assertThat(actual.get("deviceId").toString()).isEqualTo(original.getDeviceId());
                assertThat(actual.get("timestamp"))
                    .isEqualTo(original.getTimestamp().toEpochMilli());
                float[] expected = codec.decode(codec.encode(mapping.extract(original)));
                float[] got = mapping.extract(actual);
                for (int i = 0; i < expected.length; i++) {
                  assertThat(got[i])
                      .as("%s feature %d", key, i)
                      .isCloseTo(expected[i], Offset.offset(1e-5f * norm.range(i)));
                }
              });
    }
  }

  @Test
  void shouldResolveTheModelAtSiteBFromTheMirroredModelsTopicAlone() {
    ReplaySummary replay =
        Replay.run(
            new Replay.Request(
                Map.of("bootstrap.servers", siteB),
                registry,
                MIRRORED_LATENT,
                new ReplayBound.Earliest(),
                new ReplayBound.Latest(),
                ReplayOutput.parse("topic:" + TOPIC + ".replayed"),
                ModelRegistryConfig.defaults(MIRRORED_MODELS),
                null,
                Duration.ofSeconds(30)),
            ProgressBar.silent());

    assertThat(replay.decoded()).isEqualTo(RECORDS);
    assertThat(replay.failedTotal())
        .as("undecodable records at B, e.g. of A's aborted transaction (MM2 must read_committed)")
        .isZero();
    assertThat(replay.byModel()).containsExactly(Map.entry(bundle.id().shortHex(), (long) RECORDS));
    GenericAvroDeserializer serde = new GenericAvroDeserializer(registry);
    Map<String, GenericRecord> replayed = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReader.readAll(siteB, TOPIC + ".replayed", RECORDS, WAIT)) {
      replayed.put(key(r), serde.deserialize(r.topic(), r.value()));
    }
    Map<String, GenericRecord> atB = decodedAtB();
    assertThat(replayed.keySet()).isEqualTo(atB.keySet());
    FieldMapping mapping = bundle.manifest().mapping();
    Normalization norm = bundle.manifest().normalization();
    atB.forEach(
        (key, decoded) -> {
          float[] x = mapping.extract(decoded);
          float[] y = mapping.extract(replayed.get(key));
          for (int i = 0; i < x.length; i++) {
            assertThat(y[i])
                .as("%s feature %d", key, i)
                .isCloseTo(x[i], Offset.offset(1e-5f * norm.range(i)));
          }
        });
  }

  @Test
  void shouldMirrorOnlyTheLatentAndModelsTopicsKeepingTheModelsTopicCompacted() throws Exception {
    Set<String> topicsAtB = topics(siteB);
    assertThat(topicsAtB).contains(MIRRORED_LATENT, MIRRORED_MODELS);
    assertThat(topicsAtB.stream().filter(t -> t.startsWith("A.")))
        .containsExactlyInAnyOrder(MIRRORED_LATENT, MIRRORED_MODELS);
    // Old models must stay decodable at B forever: compaction travelled with the topic.
    assertThat(topicConfig(siteB, MIRRORED_MODELS, "cleanup.policy")).isEqualTo("compact");
  }

  @Test
  void shouldNotCarryRecordsOfAnAbortedTransactionAcross() {
    assertThat(recordCount(siteB, MIRRORED_LATENT)).isEqualTo(RECORDS);
  }

  @Test
  void shouldCarrySeveralTimesFewerBytesThanMirroringTheRawTopic() {
    BytesCrossed b = bytesCrossed;
    assertThat(b.latentFlowReceived()).isPositive();
    assertThat(b.latentAtB() + b.modelsAtB()).isPositive();
    // Measured 4.1x with this 2-epoch model (printed above); 2x leaves room for run-to-run noise.
    assertThat(b.rawAtB()).isGreaterThan(2 * (b.latentAtB() + b.modelsAtB()));
    assertThat(b.rawFlowReceived()).isGreaterThan(2 * b.latentFlowReceived());
  }

  static Map<String, GenericRecord> decodedAtB() {
    GenericAvroDeserializer serde = new GenericAvroDeserializer(registry);
    Map<String, GenericRecord> out = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : reconstructed) {
      RecordWithSchemaId v = serde.deserializeWithId(r.topic(), r.value());
      out.put(key(r), v.value());
    }
    return out;
  }

  static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  /** Reads the three measures while MirrorMaker still runs (its JMX metrics go with it). */
  static BytesCrossed measure(String siteA, String siteB) {
    Map<String, Long> received = ConsumerNetworkMetrics.bytesReceivedByClient("replication");
    try (TopicAdmin a = TopicAdmin.connect(siteA);
        TopicAdmin b = TopicAdmin.connect(siteB)) {
      return new BytesCrossed(
          a.logSizeBytes(TOPIC + ".latent"),
          a.logSizeBytes(MODELS),
          a.logSizeBytes(TOPIC),
          ConsumerNetworkMetrics.sumForPrefix(received, "A->B"),
          ConsumerNetworkMetrics.sumForPrefix(received, RAW_ALIAS + "->B"),
          b.logSizeBytes(MIRRORED_LATENT),
          b.logSizeBytes(MIRRORED_MODELS),
          b.logSizeBytes(MIRRORED_RAW));
    }
  }

  /** A VAE small enough to train in seconds: 12 telemetry channels, 16 hidden, 6 latent. */
  static ModelBundle trainTinyModel(TelemetryGenerator gen) throws Exception {
    Path training = dir.resolve("train.avro");
    try (DataFileWriter<TelemetryRecord> w =
        new DataFileWriter<>(new SpecificDatumWriter<>(TelemetryRecord.class))) {
      w.create(TelemetryRecord.getClassSchema(), training.toFile());
      for (int i = 0; i < 4000; i++) {
        w.append(gen.next().record());
      }
    }
    TrainingOptions options =
        TrainingOptions.defaults(6).withEpochs(2).withHiddenSizes(List.of(16));
    try (Dataset d = Datasets.open(training, DataFormat.AVRO)) {
      return new ModelTrainer(TrainingMonitor.NONE).train(d, options).bundle();
    } finally {
      Files.deleteIfExists(training);
    }
  }

  /** Both sites' brokers, started in parallel; whichever started is closed with the rest. */
  static EmbeddedKafkaBroker[] startTwoBrokers() {
    CompletableFuture<EmbeddedKafkaBroker> a =
        CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.builder().start());
    CompletableFuture<EmbeddedKafkaBroker> b =
        CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.builder().start());
    CompletableFuture.allOf(a, b).exceptionally(t -> null).join();
    for (CompletableFuture<EmbeddedKafkaBroker> f : List.of(a, b)) {
      if (!f.isCompletedExceptionally()) {
        resources.add(f.join());
      }
    }
    return new EmbeddedKafkaBroker[] {a.join(), b.join()};
  }

  /**
   * Writes records to A's latent topic in a transaction and aborts it. A MirrorMaker reading
   * uncommitted data would copy them to B, where nothing marks them aborted any more.
   */
  static void abortedTransactionOnTheLatentTopic(String siteA, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, siteA);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "two-site-test-aborted");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < ABORTED; i++) {
        producer.send(
            new ProducerRecord<>(
                topic, i % 2, ("aborted-" + i).getBytes(StandardCharsets.UTF_8), new byte[] {0}));
      }
      producer.flush();
      producer.abortTransaction();
    }
  }

  /**
   * The committed decoder config for site B, pointed at this test's cluster and registry; the model
   * comes from the mirrored models topic ({@code model} is unused, kept for the call sites).
   */
  static LatentwireConfig decoderAtSiteB(String b, String registryUrl, Path model) {
    Map<String, Object> c =
        new HashMap<>(MirrorMakerConfigs.load(MirrorMakerConfigs.DECODER_B_FILE));
    c.put("bootstrap.servers", b);
    c.put(LatentwireConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
    c.put(LatentwireConfig.HTTP_HOST_CONFIG, "127.0.0.1");
    c.put(LatentwireConfig.HTTP_PORT_CONFIG, "0");
    c.put("state.dir", dir.resolve("state-b").toString());
    c.put("commit.interval.ms", "100");
    c.put("num.stream.threads", "1");
    return new LatentwireConfig(c);
  }

  static void awaitTopics(TopicAdmin admin, List<String> topics) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        admin.awaitTopics(topics);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "MirrorMaker did not create " + topics + " at site B within " + WAIT, e);
        }
        Thread.sleep(500);
      }
    }
  }

  static void awaitRecordCount(String bootstrap, String topic, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long count;
    while ((count = recordCount(bootstrap, topic)) < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(topic + " holds " + count + " of " + expected + " records");
      }
      Thread.sleep(300);
    }
  }

  /** Sum of end offsets: the record count of a topic written without transactions (MM2's). */
  static long recordCount(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
        tps.add(new TopicPartition(topic, info.partition()));
      }
      c.assign(tps);
      return c.endOffsets(tps, Duration.ofSeconds(30)).values().stream()
          .mapToLong(Long::longValue)
          .sum();
    }
  }

  static String topicConfig(String bootstrap, String topic, String key) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config c = admin.describeConfigs(List.of(r)).values().get(r).get(30, TimeUnit.SECONDS);
      return c.get(key).value();
    }
  }

  static Set<String> topics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }
}
