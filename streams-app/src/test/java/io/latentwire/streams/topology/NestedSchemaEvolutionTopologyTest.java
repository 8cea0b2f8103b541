package io.latentwire.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.record.RecordCodec;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.streams.config.LatentwireConfig.ErrorPolicy;
import io.latentwire.streams.processor.DeadLetters;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import io.latentwire.streams.serde.AvroSerdeConfig;
import io.latentwire.streams.serde.GenericAvroDeserializer;
import io.latentwire.streams.serde.GenericAvroSerializer;
import io.latentwire.streams.serde.RecordWithSchemaId;
import io.latentwire.streams.serde.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
 * Nested records mapped by path, and writer schemas that evolve while keeping the mapped fields,
 * through the real encode and decode topologies: each decoded record equals its input under its own
 * writer schema id.
 */
class NestedSchemaEvolutionTopologyTest {
  static final Topics ENCODE = new Topics("t", "t.latent", "t.dlq");
  static final Topics DECODE = new Topics("t.latent", "t.reconstructed", "t.latent.dlq");

  /** v1: position and sensor are nested records; the mapping names fields inside them. */
  static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Reading", "namespace": "test", "fields": [
                {"name": "device", "type": "string"},
                {"name": "position", "type": {"type": "record", "name": "Position", "fields": [
                  {"name": "lat", "type": "double"},
                  {"name": "lon", "type": "double"},
                  {"name": "datum", "type": "string"}]}},
                {"name": "sensor", "type": {"type": "record", "name": "Sensor", "fields": [
                  {"name": "readings", "type": {"type": "array", "items": "int"}},
                  {"name": "patch", "type": "bytes"},
                  {"name": "gain", "type": ["null", "float"], "default": null}]}}
              ]}
              """);

  /**
   * v2, backward compatible with v1: top-level fields reordered, an optional field added, a field
   * with a default added inside the nested Position, fields of Sensor reordered.
   */
  static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Reading", "namespace": "test", "fields": [
                {"name": "sensor", "type": {"type": "record", "name": "Sensor", "fields": [
                  {"name": "gain", "type": ["null", "float"], "default": null},
                  {"name": "patch", "type": "bytes"},
                  {"name": "readings", "type": {"type": "array", "items": "int"}}]}},
                {"name": "note", "type": ["null", "string"], "default": null},
                {"name": "device", "type": "string"},
                {"name": "position", "type": {"type": "record", "name": "Position", "fields": [
                  {"name": "lat", "type": "double"},
                  {"name": "alt", "type": "double", "default": 0.0},
                  {"name": "lon", "type": "double"},
                  {"name": "datum", "type": "string"}]}}
              ]}
              """);

  static final List<MappedField> FIELDS =
      List.of(
          new MappedField("position.lat", FieldType.DOUBLE, 1),
          new MappedField("position.lon", FieldType.DOUBLE, 1),
          new MappedField("sensor.readings", FieldType.ARRAY_INT, 3),
          new MappedField("sensor.patch", FieldType.BYTES, 2),
          new MappedField("sensor.gain", FieldType.FLOAT, 1));

  InMemorySchemaRegistryClient registry;
  LatentCodec codec;

  @BeforeEach
  void setUp() {
    registry = new InMemorySchemaRegistryClient();
    // Identity on all 8 features with a power-of-two step: values on the step's grid come back
    // exactly, so "decoded equals input" is a sharp check of the mapping and the passthrough.
    codec = LatentCodec.open(TestBundles.identity(FIELDS, 8, 0.0625f), InferenceOptions.cpu());
  }

  @AfterEach
  void tearDown() {
    codec.close();
  }

  static GenericRecord reading(Schema schema, String device, double lat, int first, String note) {
    Schema posSchema = schema.getField("position").schema();
    GenericData.Record pos = new GenericData.Record(posSchema);
    pos.put("lat", lat);
    pos.put("lon", -2.25);
    pos.put("datum", "WGS84");
    if (posSchema.getField("alt") != null) {
      pos.put("alt", 112.5);
    }
    Schema sensorSchema = schema.getField("sensor").schema();
    GenericData.Record sensor = new GenericData.Record(sensorSchema);
    sensor.put(
        "readings",
        new GenericData.Array<>(sensorSchema.getField("readings").schema(), List.of(first, -3, 7)));
    sensor.put("patch", ByteBuffer.wrap(new byte[] {9, (byte) 250}));
    sensor.put("gain", 0.5f);
    GenericData.Record r = new GenericData.Record(schema);
    r.put("device", device);
    r.put("position", pos);
    r.put("sensor", sensor);
    if (schema.getField("note") != null) {
      r.put("note", note);
    }
    return r;
  }

  private static TopologyTestDriver driver(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new TopologyTestDriver(t, p);
  }

  private byte[] wire(GenericRecord r) {
    return new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("t", r);
  }

  /** Runs the inputs through encode then decode; returns the reconstructed values in order. */
  private List<byte[]> roundTrip(List<byte[]> inputs, List<byte[]> deadLetters) {
    RecordCodec rc = new RecordCodec(codec);
    List<TestRecord<byte[], byte[]>> latent;
    try (TopologyTestDriver d =
        driver(EncodeTopology.build(ENCODE, ErrorPolicy.CONTINUE, rc, registry))) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t", new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < inputs.size(); i++) {
        in.pipeInput(("k" + i).getBytes(StandardCharsets.UTF_8), inputs.get(i));
      }
      latent =
          d.createOutputTopic("t.latent", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList();
      d.createOutputTopic("t.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList()
          .forEach(r -> deadLetters.add(r.headers().lastHeader(DeadLetters.HEADER_REASON).value()));
    }
    try (TopologyTestDriver d =
        driver(DecodeTopology.build(DECODE, ErrorPolicy.CONTINUE, rc, registry))) {
      TestInputTopic<byte[], byte[]> in =
          d.createInputTopic("t.latent", new ByteArraySerializer(), new ByteArraySerializer());
      latent.forEach(in::pipeInput);
      List<byte[]> out = new ArrayList<>();
      d.createOutputTopic(
              "t.reconstructed", new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .readRecordsToList()
          .forEach(r -> out.add(r.value()));
      return out;
    }
  }

  private RecordWithSchemaId read(byte[] value) {
    return new GenericAvroDeserializer(registry).deserializeWithId("t.reconstructed", value);
  }

  @Test
  void shouldEncodeAndDecodeANestedRecordMappedByPathBackToTheSameRecord() {
    GenericRecord original = reading(V1, "pump-1", 1.25, 4, null);
    byte[] source = wire(original);
    List<byte[]> out = roundTrip(List.of(source), new ArrayList<>());
    assertThat(out).hasSize(1);
    RecordWithSchemaId back = read(out.get(0));
    assertThat(back.schemaId()).isEqualTo(WireFormat.schemaId("t", source));
    assertThat(back.value().getSchema()).isEqualTo(V1);
    assertThat(back.value()).isEqualTo(original);
  }

  @Test
  void shouldKeepDecodingEachRecordInItsOwnWriterSchemaAfterABackwardCompatibleChange() {
    GenericRecord v1 = reading(V1, "pump-1", 1.25, 4, null);
    GenericRecord v2 = reading(V2, "pump-2", -0.75, 5, "moved");
    GenericRecord v2NullNote = reading(V2, "pump-3", 3.5, -6, null);
    byte[] w1 = wire(v1);
    byte[] w2 = wire(v2);
    byte[] w3 = wire(v2NullNote);
    int id1 = WireFormat.schemaId("t", w1);
    int id2 = WireFormat.schemaId("t", w2);
    assertThat(id2).isNotEqualTo(id1);
    assertThat(WireFormat.schemaId("t", w3)).isEqualTo(id2);

    List<byte[]> dead = new ArrayList<>();
    List<byte[]> out = roundTrip(List.of(w1, w2, w3, w1), dead);

    assertThat(dead).isEmpty();
    assertThat(out).hasSize(4);
    List<RecordWithSchemaId> back = out.stream().map(this::read).toList();
    assertThat(back).extracting(RecordWithSchemaId::schemaId).containsExactly(id1, id2, id2, id1);
    assertThat(back.get(0).value()).isEqualTo(v1);
    assertThat(back.get(1).value()).isEqualTo(v2);
    assertThat(back.get(2).value()).isEqualTo(v2NullNote);
    assertThat(back.get(3).value()).isEqualTo(v1);
    assertThat(back.get(1).value().getSchema()).isEqualTo(V2);
    assertThat(((GenericRecord) back.get(1).value().get("position")).get("alt")).isEqualTo(112.5);
  }

  @Test
  void shouldDeadLetterARecordWhoseSchemaDroppedAMappedFieldNamingThePath() {
    Schema noLon =
        SchemaBuilder.record("Reading")
            .namespace("test")
            .fields()
            .requiredString("device")
            .name("position")
            .type(
                SchemaBuilder.record("Position")
                    .namespace("test")
                    .fields()
                    .requiredDouble("lat")
                    .endRecord())
            .noDefault()
            .endRecord();
    GenericData.Record pos = new GenericData.Record(noLon.getField("position").schema());
    pos.put("lat", 1.0);
    GenericData.Record bad = new GenericData.Record(noLon);
    bad.put("device", "pump-9");
    bad.put("position", pos);
    // Another subject: the registry would rightly refuse this change under "t-value".
    byte[] badWire =
        new GenericAvroSerializer(registry, AvroSerdeConfig.defaults()).serialize("other", bad);
    GenericRecord good = reading(V1, "pump-1", 1.25, 4, null);

    List<byte[]> dead = new ArrayList<>();
    List<byte[]> out = roundTrip(List.of(badWire, wire(good)), dead);

    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0), StandardCharsets.UTF_8))
        .contains(
            "field 'position.lon': the model needs it but schema test.Reading lacks it; record"
                + " 'position' (test.Position) has no field 'lon', only lat");
    assertThat(out).hasSize(1);
    assertThat(read(out.get(0)).value()).isEqualTo(good);
  }
}
