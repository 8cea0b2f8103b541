package io.latentwire.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import io.latentwire.streams.registry.CompatibilityLevel;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private static final String IMAGE_V0 =
      "{\"type\":\"record\",\"name\":\"ImageRecord\",\"namespace\":\"io.latentwire.schemas.examples\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"pixels\",\"type\":\"bytes\"}]}";

  private static final String IMAGE_WITH_EXTRA_FIELD =
      "{\"type\":\"record\",\"name\":\"ImageRecord\",\"namespace\":\"io.latentwire.schemas.examples\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
          + "{\"name\":\"camera\",\"type\":\"string\"},"
          + "{\"name\":\"label\",\"type\":[\"null\",\"int\"],\"default\":null},"
          + "{\"name\":\"pixels\",\"type\":\"bytes\"}]}";

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldRoundTripAnImageRecord() {
    SpecificAvroSerde<ImageRecord> serde = new SpecificAvroSerde<>(registry, ImageRecord.class);
    ImageRecord image = TestRecords.image(12);

    ImageRecord back =
        serde.deserializer().deserialize("images", serde.serializer().serialize("images", image));

    assertThat(back).isEqualTo(image);
  }

  @Test
  void shouldRoundTripATelemetryRecordWithItsTimestampAsAnInstant() {
    SpecificAvroSerde<TelemetryRecord> serde =
        new SpecificAvroSerde<>(registry, TelemetryRecord.class);
    TelemetryRecord reading = TestRecords.telemetry();

    TelemetryRecord back =
        serde.deserializer().deserialize("pumps", serde.serializer().serialize("pumps", reading));

    assertThat(back).isEqualTo(reading);
    assertThat(back.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
  }

  @Test
  void shouldWriteBytesThatTheGenericDeserializerReadsInTheWriterSchema() {
    SpecificAvroSerde<TelemetryRecord> specific =
        new SpecificAvroSerde<>(registry, TelemetryRecord.class);
    byte[] bytes = specific.serializer().serialize("pumps", TestRecords.telemetry());

    RecordWithSchemaId generic =
        new GenericAvroDeserializer(registry).deserializeWithId("pumps", bytes);

    assertThat(generic.value().get("deviceId").toString()).isEqualTo("pump-7");
    assertThat(generic.value().get("timestamp")).isEqualTo(1_700_000_000_123L);
    assertThat(generic.value().get("rpm")).isEqualTo(2950f);
    assertThat(generic.schemaId()).isEqualTo(registry.getLatest("pumps-value").id());
  }

  @Test
  void shouldFillAFieldMissingFromAnOlderWriterSchemaWithItsDefault() {
    Schema older = TestRecords.parse(IMAGE_V0);
    GenericRecord written = new GenericData.Record(older);
    written.put("id", 77L);
    written.put("pixels", ByteBuffer.wrap(new byte[] {1, 2}));
    byte[] bytes = new GenericAvroSerde(registry).serializer().serialize("images", written);

    ImageRecord read =
        new SpecificAvroDeserializer<>(registry, ImageRecord.class, AvroSerdeConfig.defaults())
            .deserialize("images", bytes);

    assertThat(read.getId()).isEqualTo(77L);
    assertThat(read.getLabel()).isNull();
    assertThat(read.getPixels()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
  }

  @Test
  void shouldSkipAFieldTheReaderClassDoesNotKnow() {
    registry.setGlobalCompatibility(CompatibilityLevel.NONE);
    Schema newer = TestRecords.parse(IMAGE_WITH_EXTRA_FIELD);
    GenericRecord written = new GenericData.Record(newer);
    written.put("id", 5L);
    written.put("camera", "cam-2");
    written.put("label", 9);
    written.put("pixels", ByteBuffer.wrap(new byte[] {3}));
    byte[] bytes = new GenericAvroSerde(registry).serializer().serialize("images", written);

    ImageRecord read =
        new SpecificAvroSerde<>(registry, ImageRecord.class)
            .deserializer()
            .deserialize("images", bytes);

    assertThat(read.getId()).isEqualTo(5L);
    assertThat(read.getLabel()).isEqualTo(9);
  }

  @Test
  void shouldRefuseAWriterSchemaTheClassCannotReadNamingTheProblem() {
    Schema unrelated =
        TestRecords.parse(
            "{\"type\":\"record\",\"name\":\"ImageRecord\","
                + "\"namespace\":\"io.latentwire.schemas.examples\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    GenericRecord written = new GenericData.Record(unrelated);
    written.put("id", "x");
    byte[] bytes = new GenericAvroSerde(registry).serializer().serialize("images", written);
    SpecificAvroSerde<ImageRecord> serde = new SpecificAvroSerde<>(registry, ImageRecord.class);

    assertThatThrownBy(() -> serde.deserializer().deserialize("images", bytes))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.INCOMPATIBLE_SCHEMA))
        .hasMessageContaining("cannot be read as io.latentwire.schemas.examples.ImageRecord")
        .hasMessageContaining("/fields/0/type");
  }

  @Test
  void shouldRejectCorruptBytesWithATypedError() {
    SpecificAvroSerde<ImageRecord> serde = new SpecificAvroSerde<>(registry, ImageRecord.class);
    byte[] bytes = serde.serializer().serialize("images", TestRecords.image(1));
    byte[] cut = java.util.Arrays.copyOf(bytes, 20);

    assertThatThrownBy(() -> serde.deserializer().deserialize("images", cut))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.CORRUPT_PAYLOAD));
  }

  @Test
  void shouldUseTheRecordNameStrategyWhenConfigured() {
    SpecificAvroSerde<ImageRecord> serde =
        new SpecificAvroSerde<>(
            registry,
            ImageRecord.class,
            AvroSerdeConfig.defaults().withSubjectNameStrategy(SubjectNameStrategy.RECORD_NAME));

    serde.serializer().serialize("images", TestRecords.image(1));

    assertThat(registry.listSubjects())
        .containsExactly("io.latentwire.schemas.examples.ImageRecord");
  }
}
