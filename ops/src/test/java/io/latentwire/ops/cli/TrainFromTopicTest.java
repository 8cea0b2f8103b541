package io.latentwire.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.dataset.Dataset;
import io.latentwire.codec.dataset.DatasetException;
import io.latentwire.codec.dataset.Datasets;
import io.latentwire.codec.dataset.TopicQuery;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.model.ModelBundle;
import io.latentwire.ops.embedded.LocalStack;
import io.latentwire.streams.registry.HttpSchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.WireFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --from-topic}: records sampled from a live topic on the embedded broker, writer
 * schemas from the embedded registry, and each bad input a one-line error.
 */
class TrainFromTopicTest {
  // Recent: the broker's retention would delete records stamped months ago.
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
  static final int RECORDS = 60;

  static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Fix", "namespace": "test", "fields": [
                {"name": "seq", "type": "string"},
                {"name": "position", "type": {"type": "record", "name": "Position", "fields": [
                  {"name": "lat", "type": "double"},
                  {"name": "lon", "type": "double"}]}},
                {"name": "speed", "type": "float"}
              ]}
              """);
  static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Fix", "namespace": "test", "fields": [
                {"name": "seq", "type": "string"},
                {"name": "note", "type": ["null", "string"], "default": null},
                {"name": "position", "type": {"type": "record", "name": "Position", "fields": [
                  {"name": "lat", "type": "double"},
                  {"name": "lon", "type": "double"}]}},
                {"name": "speed", "type": "float"}
              ]}
              """);

  @TempDir static Path dir;
  static LocalStack stack;
  static int v1Id;
  static int v2Id;

  @BeforeAll
  static void fillTopics() throws Exception {
    stack = LocalStack.start();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("fixes", 2, (short) 1),
                  new NewTopic("mixed", 1, (short) 1),
                  new NewTopic("empty", 1, (short) 1)))
          .all()
          .get();
    }
    GenericAvroSerializer serializer =
        new GenericAvroSerializer(
            HttpSchemaRegistryClient.forUrls(stack.registryUrl()), AvroSerdeConfig.defaults());
    SplittableRandom rnd = new SplittableRandom(7);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()))) {
      for (int i = 0; i < RECORDS; i++) {
        // Partition alternates, timestamps grow by a second: the newest records are spread over
        // both partitions.
        byte[] v = serializer.serialize("fixes", fix(V1, i, rnd));
        v1Id = WireFormat.schemaId("fixes", v);
        producer.send(
            new ProducerRecord<>("fixes", i % 2, T0.plusSeconds(i).toEpochMilli(), null, v));
      }
      for (int i = 0; i < 8; i++) {
        Schema s = i < 5 ? V1 : V2;
        byte[] v = serializer.serialize("mixed", fix(s, i, rnd));
        if (s == V2) {
          v2Id = WireFormat.schemaId("mixed", v);
        }
        producer.send(new ProducerRecord<>("mixed", 0, T0.plusSeconds(i).toEpochMilli(), null, v));
      }
      producer.flush();
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static GenericRecord fix(Schema schema, int i, SplittableRandom rnd) {
    GenericData.Record pos = new GenericData.Record(schema.getField("position").schema());
    double a = rnd.nextDouble(-1, 1);
    pos.put("lat", 48 + a);
    pos.put("lon", -2 + 0.5 * a + 0.1 * rnd.nextDouble());
    GenericData.Record r = new GenericData.Record(schema);
    r.put("seq", "r" + i);
    r.put("position", pos);
    r.put("speed", (float) (10 + 3 * a));
    return r;
  }

  static TopicQuery query(String topic) {
    return TopicQuery.of(topic, stack.bootstrapServers(), stack.registryUrl())
        .withTimeout(Duration.ofSeconds(10));
  }

  static List<String> seqs(TopicQuery q) {
    List<String> out = new ArrayList<>();
    try (Dataset d = Datasets.openTopic(q)) {
      assertThat(d.schema()).isEqualTo(V1);
      d.forEach(r -> out.add(r.get("seq").toString()));
    }
    return out;
  }

  @Test
  void shouldSampleTheNewestRecordsAcrossPartitionsOldestFirst() {
    List<String> expected = new ArrayList<>();
    for (int i = RECORDS - 10; i < RECORDS; i++) {
      expected.add("r" + i);
    }
    assertThat(seqs(query("fixes").withSample(10))).isEqualTo(expected);
  }

  @Test
  void shouldReadEveryRecordOfATimeRangeHalfOpen() {
    List<String> got = seqs(query("fixes").withRange(T0.plusSeconds(10), T0.plusSeconds(20)));
    assertThat(got).hasSize(10);
    assertThat(got)
        .containsExactlyInAnyOrder(
            "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19");
  }

  @Test
  void shouldStreamTheWholeTopicWithoutASampleAndSayWhereEachRecordCameFrom() {
    try (Dataset d = Datasets.openTopic(query("fixes"))) {
      int n = 0;
      for (GenericRecord r : d) {
        n++;
        assertThat(d.position()).startsWith("topic 'fixes' on 127.0.0.1:").contains(" offset ");
      }
      assertThat(n).isEqualTo(RECORDS);
      assertThat(d.source()).isEqualTo(Path.of("topic", "fixes"));
    }
  }

  @Test
  void shouldRefuseSeveralWriterSchemasNamingTheIdsUnlessOneIsPicked() {
    assertThatThrownBy(() -> Datasets.openTopic(query("mixed")))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "topic 'mixed' on "
                + stack.bootstrapServers()
                + " holds records of several writer schemas: ids "
                + v1Id
                + " (5 records), "
                + v2Id
                + " (3 records); pick one with --schema-id");
    try (Dataset d = Datasets.openTopic(query("mixed").withSchemaId(v2Id))) {
      assertThat(d.schema()).isEqualTo(V2);
      assertThat(d.stream().map(r -> r.get("seq").toString()).toList())
          .containsExactly("r5", "r6", "r7");
    }
    assertThatThrownBy(() -> Datasets.openTopic(query("mixed").withSchemaId(9999)))
        .hasMessage(
            "topic 'mixed' on "
                + stack.bootstrapServers()
                + " holds no records of writer schema id 9999 to train on; schema ids found: "
                + v1Id
                + " (5 records), "
                + v2Id
                + " (3 records)");
  }

  @Test
  void shouldRefuseAnEmptyTopicAndAnEmptyRange() {
    assertThatThrownBy(() -> Datasets.openTopic(query("empty")))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "topic 'empty' on " + stack.bootstrapServers() + " holds no records to train on");
    assertThatThrownBy(
            () ->
                Datasets.openTopic(
                    query("fixes").withRange(T0.minusSeconds(100), T0.minusSeconds(50))))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "topic 'fixes' on "
                + stack.bootstrapServers()
                + " holds no records with a timestamp in ["
                + T0.minusSeconds(100)
                + ", "
                + T0.minusSeconds(50)
                + ") to train on");
  }

  @Test
  void shouldRefuseAnUnknownTopic() {
    assertThatThrownBy(() -> Datasets.openTopic(query("nope")))
        .isInstanceOf(DatasetException.class)
        .hasMessage("topic 'nope' does not exist on " + stack.bootstrapServers());
  }

  @Test
  void shouldGiveUpOnAnUnreachableBrokerWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TopicQuery q =
        TopicQuery.of("fixes", "127.0.0.1:" + port, stack.registryUrl())
            .withTimeout(Duration.ofSeconds(2));
    long started = System.nanoTime();
    assertThatThrownBy(() -> Datasets.openTopic(q))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("cannot reach Kafka at 127.0.0.1:" + port + " within 2 s (");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
  }

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LatentwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldTrainFromATopicThroughTheCommandLineMappingNestedFieldsByPath() {
    Path model = dir.resolve("fixes.lwm");
    Run r =
        cli(
            "train",
            "--from-topic",
            "fixes",
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl(),
            "--sample",
            "50",
            "--fields",
            "position.lat,position.lon,speed",
            "--out",
            model.toString(),
            "--latent",
            "2",
            "--epochs",
            "2",
            "--hidden",
            "8");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(ModelBundle.read(model).manifest().mapping().fields())
        .extracting(MappedField::name)
        .containsExactly("position.lat", "position.lon", "speed");
  }

  @Test
  void shouldFailTheCommandWithOneLineOnBadTopicInput() {
    Run r =
        cli(
            "train",
            "--from-topic",
            "mixed",
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl(),
            "--out",
            dir.resolve("x.lwm").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .startsWith("latentwire train: error: topic 'mixed' on ")
        .endsWith("pick one with --schema-id");
    Run both =
        cli(
            "train",
            "--data",
            "x.csv",
            "--from-topic",
            "fixes",
            "--out",
            dir.resolve("y.lwm").toString());
    assertThat(both.exit()).isEqualTo(1);
    assertThat(both.err().strip())
        .isEqualTo(
            "latentwire train: error: give either --data FILE or --from-topic TOPIC (with"
                + " --bootstrap and --registry)");
    Run sampleOfFile =
        cli("train", "--data", "x.csv", "--sample", "5", "--out", dir.resolve("z.lwm").toString());
    assertThat(sampleOfFile.err().strip())
        .isEqualTo("latentwire train: error: --sample applies to --from-topic, not to --data");
    Run badTime =
        cli(
            "train",
            "--from-topic",
            "fixes",
            "--bootstrap",
            stack.bootstrapServers(),
            "--registry",
            stack.registryUrl(),
            "--from",
            "yesterday",
            "--out",
            dir.resolve("w.lwm").toString());
    assertThat(badTime.exit()).isEqualTo(1);
    assertThat(badTime.err().strip())
        .isEqualTo(
            "latentwire train: error: --from 'yesterday' is not a time; use ISO-8601 with a zone"
                + " (2026-01-01T00:00:00Z) or epoch milliseconds");
  }
}
