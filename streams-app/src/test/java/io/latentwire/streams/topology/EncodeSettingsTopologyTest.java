package io.latentwire.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.payload.PayloadFormat;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import io.latentwire.streams.app.Side;
import io.latentwire.streams.batch.BatchSettings;
import io.latentwire.streams.batch.BatchStats;
import io.latentwire.streams.config.LatentwireConfig;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.metrics.PipelineMetrics;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.SpecificAvroDeserializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The encoder settings of the streams app (encode.operating.point, encode.max.abs.error), from
 * configuration through the encode topology to what the decode topology rebuilds.
 */
class EncodeSettingsTopologyTest {
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
  static final int RECORDS = 200;

  InMemorySchemaRegistryClient registry;
  LatentCodec codec;

  @BeforeEach
  void setUp() {
    registry = new InMemorySchemaRegistryClient();
    // A latent of 2 for 3 fields: c is not coded at all, so only a residual can bound its error.
    // Two rungs: q0 (step 0.01, the default) and q1 (step 0.5).
    codec =
        LatentCodec.open(
            TestBundles.identity(
                List.of(
                    new MappedField("a", FieldType.FLOAT, 1),
                    new MappedField("b", FieldType.FLOAT, 1),
                    new MappedField("c", FieldType.FLOAT, 1)),
                2,
                0.01f,
                0.5f),
            InferenceOptions.cpu());
  }

  @AfterEach
  void tearDown() {
    codec.close();
  }

  @Test
  void shouldCodeEveryPayloadAtTheConfiguredOperatingPoint() {
    for (String point : List.of("1", "q1")) {
      List<LatentRecord> latents = encode(settings(Map.of("encode.operating.point", point)));
      assertThat(latents).hasSize(RECORDS);
      assertThat(latents)
          .as("operating point of each payload, encode.operating.point=%s", point)
          .allSatisfy(
              l -> assertThat(PayloadFormat.header(bytes(l)).operatingPoint()).isEqualTo(1));
    }
    assertThat(encode(settings(Map.of())))
        .as("the bundle's default")
        .allSatisfy(l -> assertThat(PayloadFormat.header(bytes(l)).operatingPoint()).isEqualTo(0));
  }

  @Test
  void shouldReconstructEveryValueWithinTheConfiguredBound() {
    // Per field, as the CLI takes it; on the coarse rung, so that the bound does the work.
    EncodeSettings s =
        settings(Map.of("encode.operating.point", "q1", "encode.max.abs.error", "a=0.05,*=0.2"));
    List<GenericRecord> inputs = readings();
    List<LatentRecord> latents = encode(s, inputs);
    assertThat(latents)
        .anySatisfy(l -> assertThat(PayloadFormat.header(bytes(l)).hasResidual()).isTrue());
    List<GenericRecord> decoded = decode(latents);
    assertThat(decoded).hasSize(RECORDS);
    float worstA = 0;
    float worstOthers = 0;
    for (int i = 0; i < RECORDS; i++) {
      worstA = Math.max(worstA, error(inputs.get(i), decoded.get(i), "a"));
      worstOthers =
          Math.max(
              worstOthers,
              Math.max(
                  error(inputs.get(i), decoded.get(i), "b"),
                  error(inputs.get(i), decoded.get(i), "c")));
    }
    assertThat(worstA).isLessThanOrEqualTo(0.05f);
    assertThat(worstOthers).isLessThanOrEqualTo(0.2f);
    // Without the bound, c (not in the latent) is off by up to its whole range: the test can fail.
    List<GenericRecord> unbounded =
        decode(encode(settings(Map.of("encode.operating.point", "q1")), inputs));
    float worstC = 0;
    for (int i = 0; i < RECORDS; i++) {
      worstC = Math.max(worstC, error(inputs.get(i), unbounded.get(i), "c"));
    }
    assertThat(worstC).isGreaterThan(1f);
  }

  @Test
  void shouldApplyTheBundlesDefaultBoundWhenEncodeMaxAbsErrorIsNotSet() {
    // The same model with a default bound, as train --max-abs-error writes it.
    var bundle = codec.bundle();
    codec.close();
    codec =
        LatentCodec.open(
            io.latentwire.codec.model.ModelBundle.create(
                bundle.manifest().withDefaultMaxAbsError("0.2"),
                bundle.encoderOnnx(),
                bundle.decoderOnnx()),
            InferenceOptions.cpu());
    List<GenericRecord> inputs = readings();
    List<LatentRecord> latents = encode(settings(Map.of()), inputs);
    assertThat(latents)
        .anySatisfy(l -> assertThat(PayloadFormat.header(bytes(l)).hasResidual()).isTrue());
    List<GenericRecord> decoded = decode(latents);
    assertThat(decoded).hasSize(RECORDS);
    float worst = 0;
    for (int i = 0; i < RECORDS; i++) {
      for (String f : List.of("a", "b", "c")) {
        worst = Math.max(worst, error(inputs.get(i), decoded.get(i), f));
      }
    }
    assertThat(worst).isLessThanOrEqualTo(0.2f);
    // encode.max.abs.error=none turns the default off: c (not in the latent) is far off again.
    List<GenericRecord> unbounded =
        decode(encode(settings(Map.of("encode.max.abs.error", "none")), inputs));
    float worstC = 0;
    for (int i = 0; i < RECORDS; i++) {
      worstC = Math.max(worstC, error(inputs.get(i), unbounded.get(i), "c"));
    }
    assertThat(worstC).isGreaterThan(1f);
  }

  // ---------------------------------------------------------------------------------------------

  private EncodeSettings settings(Map<String, Object> keys) {
    Map<String, Object> m = new HashMap<>();
    m.put("topic", "t");
    m.put("bootstrap.servers", "127.0.0.1:9092");
    m.put("schema.registry.url", "http://127.0.0.1:8081");
    m.put("model.path", "unused.lwm");
    m.putAll(keys);
    return new LatentwireConfig(m).encodeSettings(codec.bundle());
  }

  private static List<GenericRecord> readings() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<GenericRecord> out = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      GenericData.Record r = new GenericData.Record(READING);
      r.put("device", "pump-" + i);
      r.put("a", (float) rnd.nextDouble(-4, 4));
      r.put("b", (float) rnd.nextDouble(-4, 4));
      r.put("c", (float) rnd.nextDouble(-4, 4));
      out.add(r);
    }
    return out;
  }

  private List<LatentRecord> encode(EncodeSettings s) {
    return encode(s, readings());
  }

  private List<LatentRecord> encode(EncodeSettings s, List<GenericRecord> inputs) {
    Topology t =
        EncodeTopology.build(
            ENCODE,
            ErrorPolicy.FAIL,
            new RecordCodec(codec),
            s,
            registry,
            new BatchSettings(64, Duration.ofMillis(100)),
            new BatchStats(),
            PipelineMetrics.noop(Side.ENCODE));
    GenericAvroSerializer ser = new GenericAvroSerializer(registry, AvroSerdeConfig.defaults());
    SpecificAvroDeserializer<LatentRecord> des =
        new SpecificAvroDeserializer<>(registry, LatentRecord.class, AvroSerdeConfig.defaults());
    try (TopologyTestDriver d = driver(t)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer());
      for (GenericRecord r : inputs) {
        in.pipeInput(r.get("device").toString().getBytes(), ser.serialize("t", r));
      }
      return d
          .createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList()
          .stream()
          .map(r -> des.deserialize("t.latent", r.value()))
          .toList();
    }
  }

  private List<GenericRecord> decode(List<LatentRecord> latents) {
    Topology t =
        DecodeTopology.build(
            DECODE,
            ErrorPolicy.FAIL,
            new RecordCodec(codec),
            registry,
            new BatchSettings(64, Duration.ofMillis(100)),
            new BatchStats());
    io.latentwire.streams.serde.SpecificAvroSerializer<LatentRecord> ser =
        new io.latentwire.streams.serde.SpecificAvroSerializer<>(
            registry, LatentRecord.class, AvroSerdeConfig.defaults());
    GenericAvroDeserializer des = new GenericAvroDeserializer(registry);
    try (TopologyTestDriver d = driver(t)) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t.latent", new ByteArraySerializer(), new ByteArraySerializer());
      for (LatentRecord l : latents) {
        in.pipeInput(new TestRecord<>(new byte[] {1}, ser.serialize("t.latent", l)));
      }
      return d
          .createOutputTopic(
              "t.reconstructed", new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList()
          .stream()
          .map(r -> des.deserializeWithId("t.reconstructed", r.value()).value())
          .toList();
    }
  }

  private static float error(GenericRecord in, GenericRecord out, String field) {
    return Math.abs((float) in.get(field) - (float) out.get(field));
  }

  private static byte[] bytes(LatentRecord l) {
    ByteBuffer b = l.getPayload().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static TopologyTestDriver driver(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new TopologyTestDriver(t, p);
  }
}
