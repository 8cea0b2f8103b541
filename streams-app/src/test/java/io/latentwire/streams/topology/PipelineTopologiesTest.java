package io.latentwire.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.batch.DrainCause;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import io.latentwire.streams.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineTopologiesTest {
  static final Schema READING =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredString("device")
          .requiredFloat("a")
          .requiredFloat("b")
          .requiredFloat("c")
          .endRecord();
  static final Topics ENCODE = new Topics("t", "t.latent", "t.dlq");
  static final Topics DECODE = new Topics("t.latent", "t.reconstructed", "t.latent.dlq");

  InMemorySchemaRegistryClient registry;
  LatentCodec codec;
  LatentCodec otherCodec;

  @BeforeEach
  void setUp() {
    registry = new InMemorySchemaRegistryClient();
    codec =
        LatentCodec.open(
            TestBundles.identityOnScalars(List.of("a", "b", "c"), 3, 0.01f),
            InferenceOptions.cpu());
    otherCodec =
        LatentCodec.open(
            TestBundles.identityOnScalars(List.of("a", "b", "c"), 3, 0.02f),
            InferenceOptions.cpu());
  }

  @AfterEach
  void tearDown() {
    codec.close();
    otherCodec.close();
  }

  private static GenericRecord reading(String device, float a, float b, float c) {
    GenericData.Record r = new GenericData.Record(READING);
    r.put("device", device);
    r.put("a", a);
    r.put("b", b);
    r.put("c", c);
    return r;
  }

  private TopologyTestDriver driver(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new TopologyTestDriver(t, p);
  }

  private byte[] wire(GenericRecord r) {
    return new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("t", r);
  }

  @Test
  void shouldRoundTripRecordsKeepingKeysTimestampsHeadersAndTheWriterSchemaId() {
    Topology encode =
        EncodeTopology.build(ENCODE, ErrorPolicy.CONTINUE, new RecordCodec(codec), registry);
    Topology decode =
        DecodeTopology.build(DECODE, ErrorPolicy.CONTINUE, new RecordCodec(codec), registry);
    List<TestRecord<byte[], byte[]>> latent;
    byte[] source = wire(reading("pump-1", 1.25f, -3.5f, 0.75f));
    int sourceId = WireFormat.schemaId("t", source);
    Instant ts = Instant.parse("2026-01-02T03:04:05Z");
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    try (TopologyTestDriver d = driver(encode)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer());
      in.pipeInput(new TestRecord<>("k1".getBytes(), source, headers, ts));
      TestOutputTopic<byte[], byte[]> out =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer());
      latent = out.readRecordsToList();
    }
    assertThat(latent).hasSize(1);
    LatentRecord lr =
        new SpecificAvroDeserializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults())
            .deserialize("t.latent", latent.get(0).value());
    assertThat(lr.getSourceSchemaId()).isEqualTo(sourceId);
    assertThat(lr.getPayload().remaining()).isLessThan(source.length);

    try (TopologyTestDriver d = driver(decode)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t.latent", new ByteArraySerializer(), new ByteArraySerializer());
      in.pipeInput(latent.get(0));
      TestOutputTopic<byte[], byte[]> out =
          d.createOutputTopic(
              "t.reconstructed", new ByteArrayDeserializer(), new ByteArrayDeserializer());
      TestRecord<byte[], byte[]> r = out.readRecord();
      assertThat(new String(r.key())).isEqualTo("k1");
      assertThat(r.getRecordTime()).isEqualTo(ts);
      assertThat(new String(r.headers().lastHeader("trace").value())).isEqualTo("abc");
      RecordWithSchemaId back =
          new GenericAvroDeserializer(registry).deserializeWithId("t.reconstructed", r.value());
      assertThat(back.schemaId()).isEqualTo(sourceId);
      assertThat(back.value().get("device").toString()).isEqualTo("pump-1");
      assertThat((float) back.value().get("a"))
          .isCloseTo(1.25f, org.assertj.core.data.Offset.offset(0.006f));
      assertThat((float) back.value().get("b"))
          .isCloseTo(-3.5f, org.assertj.core.data.Offset.offset(0.006f));
      assertThat(out.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldDeadLetterPoisonRecordsWithTheReasonAndOffsetAndKeepGoing() {
    Schema noC =
        SchemaBuilder.record("Reading")
            .namespace("test")
            .fields()
            .requiredString("device")
            .requiredFloat("a")
            .requiredFloat("b")
            .endRecord();
    GenericData.Record missing = new GenericData.Record(noC);
    missing.put("device", "pump-2");
    missing.put("a", 1f);
    missing.put("b", 2f);
    byte[] missingField =
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("other", missing);
    Topology encode =
        EncodeTopology.build(ENCODE, ErrorPolicy.CONTINUE, new RecordCodec(codec), registry);
    try (TopologyTestDriver d = driver(encode)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer());
      in.pipeInput("garbage".getBytes(), "not avro at all".getBytes());
      in.pipeInput("missing".getBytes(), missingField);
      in.pipeInput("good".getBytes(), wire(reading("pump-3", 1f, 2f, 3f)));
      TestOutputTopic<byte[], byte[]> dlq =
          d.createOutputTopic("t.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
      TestOutputTopic<byte[], byte[]> out =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
      assertThat(dead).hasSize(2);
      assertThat(dead.get(0).value()).isEqualTo("not avro at all".getBytes());
      assertThat(header(dead.get(0), DeadLetters.HEADER_OFFSET)).isEqualTo("0");
      assertThat(header(dead.get(0), DeadLetters.HEADER_TOPIC)).isEqualTo("t");
      assertThat(header(dead.get(0), DeadLetters.HEADER_EXCEPTION)).contains("SerdeException");
      assertThat(header(dead.get(1), DeadLetters.HEADER_REASON)).contains("'c'");
      assertThat(header(dead.get(1), DeadLetters.HEADER_OFFSET)).isEqualTo("1");
      assertThat(out.readRecordsToList())
          .extracting(r -> new String(r.key()))
          .containsExactly("good");
    }
  }

  @Test
  void shouldDeadLetterCodesOfAnotherModelNamingBothIds() {
    Topology encode =
        EncodeTopology.build(ENCODE, ErrorPolicy.CONTINUE, new RecordCodec(otherCodec), registry);
    TestRecord<byte[], byte[]> latent;
    try (TopologyTestDriver d = driver(encode)) {
      d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput("k".getBytes(), wire(reading("p", 1f, 1f, 1f)));
      latent =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecord();
    }
    Topology decode =
        DecodeTopology.build(DECODE, ErrorPolicy.CONTINUE, new RecordCodec(codec), registry);
    try (TopologyTestDriver d = driver(decode)) {
      d.createInputTopic("t.latent", new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput(latent);
      TestRecord<byte[], byte[]> dead =
          d.createOutputTopic(
                  "t.latent.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecord();
      assertThat(header(dead, DeadLetters.HEADER_REASON))
          .contains(codec.modelId().shortHex())
          .contains(otherCodec.modelId().shortHex());
      assertThat(header(dead, DeadLetters.HEADER_STAGE)).isEqualTo("decode");
    }
  }

  @Test
  void shouldStopOnAPoisonRecordUnderTheFailPolicy() {
    Topology encode =
        EncodeTopology.build(ENCODE, ErrorPolicy.FAIL, new RecordCodec(codec), registry);
    try (TopologyTestDriver d = driver(encode)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer());
      assertThatThrownBy(() -> in.pipeInput("k".getBytes(), new byte[] {0, 0}))
          .hasStackTraceContaining("error.policy=FAIL");
    }
  }

  @Test
  void shouldPassTombstonesThroughBothSides() {
    Topology encode =
        EncodeTopology.build(ENCODE, ErrorPolicy.CONTINUE, new RecordCodec(codec), registry);
    try (TopologyTestDriver d = driver(encode)) {
      d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput("gone".getBytes(), (byte[]) null);
      TestRecord<byte[], byte[]> r =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecord();
      assertThat(new String(r.key())).isEqualTo("gone");
      assertThat(r.value()).isNull();
    }
  }

  @Test
  void shouldConnectThePreCommitHookStoreOnlyWhenBatching() {
    RecordCodec rc = new RecordCodec(codec);
    String batched =
        EncodeTopology.build(
                ENCODE,
                ErrorPolicy.CONTINUE,
                rc,
                registry,
                BatchSettings.defaults(),
                new BatchStats())
            .describe()
            .toString();
    String perRecord =
        EncodeTopology.build(
                ENCODE,
                ErrorPolicy.CONTINUE,
                rc,
                registry,
                BatchSettings.perRecord(),
                new BatchStats())
            .describe()
            .toString();
    assertThat(batched).contains(EncodeTopology.BATCH_HOOK_STORE);
    assertThat(perRecord).doesNotContain(EncodeTopology.BATCH_HOOK_STORE);
    assertThat(
            DecodeTopology.build(DECODE, ErrorPolicy.CONTINUE, rc, registry).describe().toString())
        .contains(DecodeTopology.BATCH_HOOK_STORE);
  }

  @Test
  void shouldEmitTheSameRecordsAndDeadLettersInBatchesAsRecordByRecord() {
    BatchStats batchedStats = new BatchStats();
    List<String> batched = encodeMixed(new BatchSettings(4, Duration.ofMinutes(1)), batchedStats);
    List<String> perRecord = encodeMixed(BatchSettings.perRecord(), new BatchStats());
    assertThat(batched).isEqualTo(perRecord);
    assertThat(batched)
        .containsExactly(
            "t.latent k0 ts=1000 h=0",
            "t.dlq k1 ts=1001 h=1 offset=1",
            "t.latent k2 ts=1002 h=2",
            "t.latent k3 ts=1003 h=3 tombstone",
            "t.latent k4 ts=1004 h=4");
    // The test driver commits after every record, so each batch is drained by the commit hook.
    assertThat(batchedStats.snapshot().batches().get(DrainCause.COMMIT)).isEqualTo(5);
  }

  /** Encodes good, garbage, good, tombstone, good; returns outputs and dead letters in order. */
  private List<String> encodeMixed(BatchSettings batch, BatchStats stats) {
    Topology t =
        EncodeTopology.build(
            ENCODE, ErrorPolicy.CONTINUE, new RecordCodec(codec), registry, batch, stats);
    List<String> seen = new java.util.ArrayList<>();
    try (TopologyTestDriver d = driver(t)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < 5; i++) {
        byte[] value =
            switch (i) {
              case 1 -> "garbage".getBytes();
              case 3 -> null;
              default -> wire(reading("p" + i, i, i, i));
            };
        RecordHeaders h = new RecordHeaders();
        h.add("h", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        in.pipeInput(
            new TestRecord<>(("k" + i).getBytes(), value, h, Instant.ofEpochMilli(1000 + i)));
      }
      for (String topic : List.of("t.latent", "t.dlq")) {
        d.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList()
            .forEach(
                r ->
                    seen.add(
                        topic
                            + " "
                            + new String(r.key())
                            + " ts="
                            + r.timestamp()
                            + " h="
                            + header(r, "h")
                            + (r.value() == null ? " tombstone" : "")
                            + (topic.endsWith("dlq")
                                ? " offset=" + header(r, DeadLetters.HEADER_OFFSET)
                                : "")));
      }
    }
    seen.sort(java.util.Comparator.comparing(x -> x.split(" ")[1]));
    return seen;
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
