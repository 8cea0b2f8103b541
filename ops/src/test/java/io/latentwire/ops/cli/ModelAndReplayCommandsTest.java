package io.latentwire.ops.cli;

import static io.latentwire.ops.models.ModelFixtures.A;
import static io.latentwire.ops.models.ModelFixtures.B;
import static io.latentwire.ops.models.ModelFixtures.C;
import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.ops.kafka.TopicAdmin;
import io.latentwire.ops.kafka.TopicSpec;
import io.latentwire.ops.models.ModelFixtures;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.SpecificAvroSerializer;
import io.latentwire.streams.serde.WireFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model publish|list|show|keygen} and {@code replay} through the launcher's command line, on
 * the embedded broker and schema registry.
 *
 * <p>The latent topic holds 62 records on 2 partitions (record i on partition i % 2, timestamp T0 +
 * i s): i = 0..39 encoded with model A, 40..59 with model B (published later, signed), 60..61 with
 * model C, which is never published.
 */
class ModelAndReplayCommandsTest {
  static final String LATENT = "readings.latent";
  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final int RECORDS = 62;

  @TempDir static Path dir;
  static LocalStack stack;
  static HttpSchemaRegistryClient registry;
  static int schemaId;
  static String trustedKey;

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LatentwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String bootstrap() {
    return stack.bootstrapServers();
  }

  static GenericRecord source(int i) {
    return ModelFixtures.reading("r" + i, i * 0.1f, -i * 0.05f, 1 + i * 0.01f);
  }

  static ModelBundle modelOf(int i) {
    return i < 40 ? A : i < 60 ? B : C;
  }

  @BeforeAll
  static void publishModelsAndProduceLatentRecords() throws Exception {
    stack = LocalStack.start();
    registry = HttpSchemaRegistryClient.forUrls(stack.registryUrl());
    A.write(dir.resolve("a.lwm"));
    B.write(dir.resolve("b.lwm"));

    Run keygen = cli("model", "keygen", "--key-id", "ops", "--out", dir.resolve("keys").toString());
    assertThat(keygen.exit()).as(keygen.err()).isZero();
    Matcher m = Pattern.compile("models.trusted.keys=(\\S+)").matcher(keygen.out());
    assertThat(m.find()).as(keygen.out()).isTrue();
    trustedKey = m.group(1);

    Run pa =
        cli(
            "model",
            "publish",
            dir.resolve("a.lwm").toString(),
            "--bootstrap",
            bootstrap(),
            "--description",
            "model A, first");
    assertThat(pa.exit()).as(pa.err()).isZero();
    assertThat(pa.out())
        .contains("published model " + A.id().shortHex(), "unsigned", "created topic");
    Run pb =
        cli(
            "model",
            "publish",
            dir.resolve("b.lwm").toString(),
            "--bootstrap",
            bootstrap(),
            "--sign-key",
            dir.resolve("keys/ops.pem").toString(),
            "--description",
            "model B");
    assertThat(pb.exit()).as(pb.err()).isZero();
    assertThat(pb.out()).contains("signed by key 'ops'").doesNotContain("created topic");

    schemaId = registry.register("readings-value", ModelFixtures.SOURCE);
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      admin.createTopic(TopicSpec.of(LATENT, 2));
    }
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    SpecificAvroSerializer<LatentRecord> ser =
        new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    for (int i = 0; i < RECORDS; i++) {
      LatentRecord lr = ModelFixtures.encode(modelOf(i), List.of(source(i)), schemaId).get(0);
      RecordHeaders headers = new RecordHeaders();
      headers.add("trace", ("t" + i).getBytes(StandardCharsets.UTF_8));
      out.add(
          new ProducerRecord<>(
              LATENT,
              i % 2,
              T0 + i * 1000L,
              ("k" + i).getBytes(StandardCharsets.UTF_8),
              ser.serialize(LATENT, lr),
              headers));
    }
    produce(out);
  }

  static void produce(List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap(), "acks", "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      records.forEach(p::send);
      p.flush();
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static List<GenericRecord> readAvro(Path file) throws Exception {
    List<GenericRecord> out = new ArrayList<>();
    try (DataFileReader<GenericRecord> r =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      r.forEach(out::add);
    }
    return out;
  }

  static List<ConsumerRecord<byte[], byte[]>> readTopic(String topic, int expected) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // Anything beyond the expected count would be a duplicate: look a little longer.
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }

  @Test
  void shouldListThePublishedModelsWithSignerCheckAndDescription() {
    Run r = cli("model", "list", "--bootstrap", bootstrap(), "--trusted-key", trustedKey);
    assertThat(r.exit()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).startsWith("ID").contains("CREATED", "TRAINER", "SIZE", "SIGNED", "CHECK");
    assertThat(r.out())
        .containsPattern(
            A.id().shortHex()
                + " +\\S+Z +test +[0-9.]+ K?i?B +no +ok \\(unsigned\\) +model A, first")
        .containsPattern(B.id().shortHex() + " .* ops +ok \\(trusted\\) +model B")
        .contains("2 models on latentwire.models");
  }

  @Test
  void shouldShowAModelFileWithItsMappingQuantizerMetricsAndProvenance() {
    Run r = cli("model", "show", dir.resolve("a.lwm").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("id:             " + A.id().hex())
        .contains("architecture:   linear-test")
        .contains("sizes:          input 3, latent 2")
        .contains("mapping:        3 fields, 3 features")
        .containsPattern("\n  b +float +width 1\n")
        .contains("normalization:  3 features; offset 0.000, scale 1.000, range 10.00")
        .contains("step 0.01")
        .containsPattern("metrics:\n  val.psnr.db +30.0")
        .containsPattern("provenance:\n  trainer.version +test")
        .contains("decoder.onnx");
  }

  @Test
  void shouldShowAPublishedModelByIdPrefix() {
    Run r = cli("model", "show", "--id", B.id().hex().substring(0, 8), "--bootstrap", bootstrap());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(B.id().hex(), "sizes:          input 3, latent 3", "published:")
        .contains("description:    model B", "signed:         by key 'ops'");
    Run none = cli("model", "show", "--id", "ffffffff", "--bootstrap", bootstrap());
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("no model with id prefix ffffffff on latentwire.models");
  }

  @Test
  void shouldReplayAnOffsetRangeToCsvDecodingEachRecordWithItsOwnModel() throws Exception {
    Path csv = dir.resolve("offsets.csv");
    Run r =
        cli(
            "replay",
            "--topic",
            LATENT,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--from",
            "offset:15",
            "--to",
            "offset:25",
            "--out",
            "file:" + csv,
            "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    // Offsets 15..24 of each partition: records 30..39 (model A) and 40..49 (model B).
    assertThat(r.out())
        .contains("20 decoded, 0 failed")
        .contains(A.id().shortHex() + " (10)", B.id().shortHex() + " (10)")
        .contains("partition 0: offsets 15..25 (10)");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(21);
    assertThat(lines.get(0)).isEqualTo("name,a,b,c");
    Map<String, String[]> byName = new HashMap<>();
    lines.subList(1, lines.size()).forEach(l -> byName.put(l.split(",")[0], l.split(",")));
    assertThat(byName.keySet()).hasSize(20).contains("r30", "r49").doesNotContain("r29", "r50");
    assertThat(Float.parseFloat(byName.get("r31")[1])).isCloseTo(3.1f, Offset.offset(0.01f));
    assertThat(Float.parseFloat(byName.get("r31")[3])).isZero(); // model A keeps a and b only
    assertThat(Float.parseFloat(byName.get("r45")[3])).isCloseTo(1.45f, Offset.offset(0.01f));
  }

  @Test
  void shouldReplayATimeRangeToAvroWithTheExactRecordsOfThatRange() throws Exception {
    Path avro = dir.resolve("times.avro");
    Run r =
        cli(
            "replay",
            "--topic",
            LATENT,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--from",
            Instant.ofEpochMilli(T0 + 10_000).toString(),
            "--to",
            Instant.ofEpochMilli(T0 + 50_000).toString(),
            "--out",
            "file:" + avro);
    assertThat(r.exit()).as(r.err()).isZero();
    List<GenericRecord> records = readAvro(avro);
    assertThat(records)
        .extracting(g -> g.get("name").toString())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(10, 50).mapToObj(i -> "r" + i).toList());
    assertThat(records.get(0).getSchema()).isEqualTo(ModelFixtures.SOURCE);
    assertThat(r.out()).contains("40 decoded, 0 failed");
    assertThat(r.err()).contains("100.0% 40/40 offsets, 40 records");
  }

  @Test
  void shouldReplayToATopicKeepingKeysTimestampsHeadersAndSchemaIdAndFailOnUnknownModels()
      throws Exception {
    Path dlq = dir.resolve("failed.avro");
    Run r =
        cli(
            "replay",
            "--topic",
            LATENT,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--out",
            "topic:readings.replayed",
            "--dlq",
            dlq.toString(),
            "--no-progress");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("60 decoded, 2 failed", "failed: unknown model: 2");
    assertThat(r.err())
        .contains("2 records could not be decoded (unknown model: 2)", "--skip-failed");

    List<ConsumerRecord<byte[], byte[]>> out = readTopic("readings.replayed", 60);
    assertThat(out).hasSize(60);
    for (ConsumerRecord<byte[], byte[]> rec : out) {
      int i = Integer.parseInt(new String(rec.key(), StandardCharsets.UTF_8).substring(1));
      assertThat(rec.timestamp()).isEqualTo(T0 + i * 1000L);
      assertThat(new String(rec.headers().lastHeader("trace").value(), StandardCharsets.UTF_8))
          .isEqualTo("t" + i);
      assertThat(WireFormat.schemaId("readings.replayed", rec.value())).isEqualTo(schemaId);
    }
    List<GenericRecord> failed = readAvro(dlq);
    assertThat(failed).hasSize(2);
    assertThat(failed)
        .allSatisfy(
            f -> {
              assertThat(f.get("kind").toString()).isEqualTo("UNKNOWN_MODEL");
              assertThat(f.get("reason").toString()).contains(C.id().shortHex());
            });

    Run skip =
        cli(
            "replay",
            "--topic",
            LATENT,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--out",
            "file:" + dir.resolve("all.csv"),
            "--skip-failed",
            "--no-progress");
    assertThat(skip.exit()).as(skip.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("all.csv"))).hasSize(61);
  }

  @Test
  void shouldFailClearlyForCsvAndWriteOneAvroFilePerSchemaWhenTheRangeHoldsTwoSchemas()
      throws Exception {
    Schema v2 =
        SchemaBuilder.record("Reading")
            .namespace("test.models")
            .fields()
            .requiredString("name")
            .requiredFloat("a")
            .requiredFloat("b")
            .requiredFloat("c")
            .name("unit")
            .type()
            .stringType()
            .stringDefault("")
            .endRecord();
    int v2Id = registry.register("mixed-value", v2);
    String topic = "mixed.latent";
    try (TopicAdmin admin = TopicAdmin.connect(bootstrap())) {
      admin.createTopic(TopicSpec.of(topic, 1));
    }
    SpecificAvroSerializer<LatentRecord> ser =
        new SpecificAvroSerializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      GenericRecord v1 = source(i);
      GenericRecord src = v1;
      int id = schemaId;
      if (i >= 3) {
        GenericData.Record r2 = new GenericData.Record(v2);
        for (Schema.Field f : v2.getFields()) {
          r2.put(f.name(), f.name().equals("unit") ? "bar" : v1.get(f.name()));
        }
        src = r2;
        id = v2Id;
      }
      LatentRecord lr = ModelFixtures.encode(A, List.of(src), id).get(0);
      records.add(new ProducerRecord<>(topic, 0, T0 + i, null, ser.serialize(topic, lr)));
    }
    produce(records);

    Run csv =
        cli(
            "replay",
            "--topic",
            topic,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--out",
            "file:" + dir.resolve("mixed.csv"),
            "--no-progress");
    assertThat(csv.exit()).isEqualTo(1);
    assertThat(csv.err())
        .contains("two writer schemas", "ids " + schemaId + " and " + v2Id, "file:NAME.avro");
    assertThat(dir.resolve("mixed.csv")).doesNotExist();

    Path avro = dir.resolve("mixed.avro");
    Run r =
        cli(
            "replay",
            "--topic",
            topic,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--out",
            "file:" + avro,
            "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(avro).doesNotExist();
    assertThat(readAvro(dir.resolve("mixed-schema-" + schemaId + ".avro"))).hasSize(3);
    List<GenericRecord> newer = readAvro(dir.resolve("mixed-schema-" + v2Id + ".avro"));
    assertThat(newer).hasSize(2);
    assertThat(newer.get(0).get("unit").toString()).isEqualTo("bar");
  }

  @Test
  void shouldNameTheAllowedFormsOfABadRangeOrOutput() {
    Run badFrom =
        cli(
            "replay",
            "--topic",
            LATENT,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--from",
            "yesterday",
            "--out",
            "file:x.csv");
    assertThat(badFrom.exit()).isEqualTo(1);
    assertThat(badFrom.err()).contains("--from 'yesterday'", "offset:N", "2026-01-01T00:00:00Z");
    Run badOut =
        cli(
            "replay",
            "--topic",
            LATENT,
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--out",
            "x.csv");
    assertThat(badOut.exit()).isEqualTo(1);
    assertThat(badOut.err()).contains("topic:NAME, file:PATH.avro or file:PATH.csv");
    Run noTopic =
        cli(
            "replay",
            "--topic",
            "nope.latent",
            "--bootstrap",
            bootstrap(),
            "--registry",
            stack.registryUrl(),
            "--out",
            "file:" + dir.resolve("nope.csv"));
    assertThat(noTopic.exit()).isEqualTo(1);
    assertThat(noTopic.err()).contains("topic nope.latent does not exist");
  }
}
