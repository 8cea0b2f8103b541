package io.latentwire.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.streams.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class GenericAvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final GenericAvroSerde serde = new GenericAvroSerde(registry);

  @Test
  void shouldRoundTripAGenericRecordAndRegisterItUnderTheTopicValueSubject() {
    GenericRecord image = TestRecords.genericImage(42L, 7, new byte[] {1, 2, 3});

    byte[] bytes = serde.serializer().serialize("images", image);
    GenericRecord back = serde.deserializer().deserialize("images", bytes);

    assertThat(back).isEqualTo(image);
    assertThat(registry.listSubjects()).containsExactly("images-value");
    assertThat(WireFormat.schemaId("images", bytes))
        .isEqualTo(registry.getLatest("images-value").id());
  }

  @Test
  void shouldWriteExactlyHeaderThenPlainAvroBinary() throws IOException {
    GenericRecord image = TestRecords.genericImage(1L, null, new byte[] {5});

    byte[] bytes = serde.serializer().serialize("images", image);

    int id = registry.getLatest("images-value").id();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    WireFormat.writeHeader(expected, id);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
    new GenericDatumWriter<GenericRecord>(image.getSchema()).write(image, encoder);
    encoder.flush();
    assertThat(bytes).isEqualTo(expected.toByteArray());
  }

  @Test
  void shouldReportTheWriterSchemaIdWithTheRecord() {
    GenericRecord image = TestRecords.genericImage(5L, 1, new byte[] {9});
    byte[] bytes = serde.serializer().serialize("images", image);

    RecordWithSchemaId read = serde.deserializer().deserializeWithId("images", bytes);

    assertThat(read.schemaId()).isEqualTo(registry.lookupId("images-value", image.getSchema()));
    assertThat(read.value()).isEqualTo(image);
  }

  @Test
  void shouldReEmitARecordUnderItsOriginalSchemaIdWithoutRegistering() {
    // The source was written under id 2 on another subject; re-emitting must keep that id.
    registry.register("other-value", TestRecords.parse("\"string\""));
    int originalId = registry.register("sensors-value", ImageRecord.getClassSchema());
    GenericRecord image = TestRecords.genericImage(8L, null, new byte[] {4, 4});

    byte[] bytes =
        serde.serializer().serializeWithSchemaId("sensors.reconstructed", originalId, image);

    assertThat(WireFormat.schemaId("t", bytes)).isEqualTo(originalId);
    assertThat(registry.listSubjects()).containsExactly("other-value", "sensors-value");
    RecordWithSchemaId back = serde.deserializer().deserializeWithId("t", bytes);
    assertThat(back.schemaId()).isEqualTo(originalId);
    assertThat(back.value()).isEqualTo(image);
  }

  @Test
  void shouldRefuseToWriteUnderASchemaIdWithAnotherBinaryLayout() {
    int stringId = registry.register("s-value", TestRecords.parse("\"string\""));
    GenericRecord image = TestRecords.genericImage(8L, null, new byte[] {4});

    assertThatThrownBy(() -> serde.serializer().serializeWithSchemaId("out", stringId, image))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.INCOMPATIBLE_SCHEMA))
        .hasMessageContaining("schema id " + stringId)
        .hasMessageContaining("binary layout");
  }

  @Test
  void shouldRefuseToWriteUnderAnUnknownSchemaId() {
    GenericRecord image = TestRecords.genericImage(8L, null, new byte[] {4});

    assertThatThrownBy(() -> serde.serializer().serializeWithSchemaId("out", 404, image))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.UNKNOWN_SCHEMA_ID))
        .hasMessageContaining("Schema id 404");
  }

  @Test
  void shouldAcceptWritingUnderAnIdWhoseSchemaDiffersOnlyInDocs() {
    Schema documented =
        TestRecords.parse(
            "{\"type\":\"record\",\"name\":\"P\",\"doc\":\"a point\","
                + "\"fields\":[{\"name\":\"x\",\"type\":\"int\",\"doc\":\"x axis\"}]}");
    Schema bare =
        TestRecords.parse(
            "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    int id = registry.register("p-value", documented);
    GenericRecord point = new GenericData.Record(bare);
    point.put("x", 3);

    byte[] bytes = serde.serializer().serializeWithSchemaId("p", id, point);

    assertThat(serde.deserializer().deserialize("p", bytes).get("x")).isEqualTo(3);
  }

  @Test
  void shouldRegisterKeysUnderTheTopicKeySubject() {
    GenericAvroSerde keys =
        new GenericAvroSerde(registry, AvroSerdeConfig.defaults().withForKeys(true));

    keys.serializer().serialize("images", TestRecords.genericImage(1L, null, new byte[0]));

    assertThat(registry.listSubjects()).containsExactly("images-key");
  }

  @Test
  void shouldLookUpInsteadOfRegisteringWhenAutoRegistrationIsOff() {
    GenericAvroSerde lookupOnly =
        new GenericAvroSerde(registry, AvroSerdeConfig.defaults().withAutoRegisterSchemas(false));
    GenericRecord image = TestRecords.genericImage(1L, null, new byte[] {1});

    assertThatThrownBy(() -> lookupOnly.serializer().serialize("images", image))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.SCHEMA_NOT_REGISTERED))
        .hasMessageContaining("images-value")
        .hasMessageContaining("auto-registration is off");

    int id = registry.register("images-value", image.getSchema());
    assertThat(WireFormat.schemaId("images", lookupOnly.serializer().serialize("images", image)))
        .isEqualTo(id);
    assertThat(registry.listVersions("images-value")).containsExactly(1);
  }

  @Test
  void shouldSurfaceARegistryRefusalAsAnIncompatibleSchemaError() {
    registry.register("images-value", ImageRecord.getClassSchema());
    Schema breaking =
        TestRecords.parse(
            "{\"type\":\"record\",\"name\":\"ImageRecord\","
                + "\"namespace\":\"io.latentwire.schemas.examples\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"width\",\"type\":\"int\"}]}");
    GenericRecord record = new GenericData.Record(breaking);
    record.put("id", 1L);
    record.put("width", 28);

    assertThatThrownBy(() -> serde.serializer().serialize("images", record))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.INCOMPATIBLE_SCHEMA))
        .hasMessageContaining("images-value")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void shouldReportARecordThatBreaksItsOwnSchemaAsAnEncodingFailure() {
    GenericRecord broken = new GenericData.Record(ImageRecord.getClassSchema());
    broken.put("id", 1L); // pixels left null, but the schema says bytes

    assertThatThrownBy(() -> serde.serializer().serialize("images", broken))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.ENCODING_FAILED))
        .hasMessageContaining("topic 'images'");
  }

  @Test
  void shouldPassNullsThroughAsTombstones() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThat(serde.deserializer().deserializeWithId("t", null)).isNull();
  }

  @Test
  void shouldRejectAnUnknownSchemaIdNamingIt() {
    byte[] bytes = WireFormat.frame(999, new byte[] {2});

    assertThatThrownBy(() -> serde.deserializer().deserialize("images", bytes))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(SerdeException.Reason.UNKNOWN_SCHEMA_ID);
              assertThat(e.topic()).isEqualTo("images");
            })
        .hasMessageContaining("Schema id 999")
        .hasMessageContaining("topic 'images'");
  }

  @Test
  void shouldRejectBadMagicAndTruncatedInputWithTypedErrors() {
    byte[] good = serde.serializer().serialize("t", TestRecords.genericImage(1L, 2, new byte[8]));
    byte[] badMagic = good.clone();
    badMagic[0] = 7;

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", badMagic))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.UNKNOWN_MAGIC_BYTE));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(good, 4)))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.TRUNCATED));
  }

  @Test
  void shouldRejectAPayloadCutShortAsCorrupt() {
    byte[] good = serde.serializer().serialize("t", TestRecords.genericImage(1L, 2, new byte[50]));
    byte[] cut = Arrays.copyOf(good, good.length - 10);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.CORRUPT_PAYLOAD))
        .hasMessageContaining("field 'pixels'")
        .hasMessageContaining("ImageRecord");
  }

  @Test
  void shouldRejectTrailingBytesAsCorrupt() {
    byte[] good = serde.serializer().serialize("t", TestRecords.genericImage(1L, 2, new byte[3]));
    byte[] padded = Arrays.copyOf(good, good.length + 2);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", padded))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.CORRUPT_PAYLOAD))
        .hasMessageContaining("2 trailing byte(s)");
  }

  @Test
  void shouldRejectAHugeDeclaredLengthWithoutAllocatingIt() {
    int id = registry.register("t-value", ImageRecord.getClassSchema());
    // id=1 (zig-zag 2), label branch 0 (null), then pixels declaring 2^30 bytes in 5 varint bytes.
    byte[] payload = {2, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2};
    byte[] framed = WireFormat.frame(id, payload);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", framed))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.CORRUPT_PAYLOAD))
        .hasMessageContaining("length 1073741824 at field 'pixels' but only 2 bytes left");
  }

  @Test
  void shouldRejectAnOutOfRangeUnionBranchAsCorrupt() {
    int id = registry.register("t-value", ImageRecord.getClassSchema());
    byte[] framed = WireFormat.frame(id, new byte[] {2, 4, 0});

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", framed))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.CORRUPT_PAYLOAD))
        .hasMessageContaining("union branch index 2 at field 'label' is outside [0, 2)");
  }

  @Test
  void shouldRefuseWriterSchemasThatAreNotRecords() {
    int id = registry.register("s-value", TestRecords.parse("\"string\""));
    byte[] framed = WireFormat.frame(id, new byte[] {2, 'a'});

    assertThatThrownBy(() -> serde.deserializer().deserialize("s", framed))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(SerdeException.Reason.INCOMPATIBLE_SCHEMA))
        .hasMessageContaining("not a record");
  }

  @Test
  void shouldBeAKafkaSerializationExceptionForClientsAndStreamsHandlers() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1}))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
  }

  @Test
  void shouldReadPixelsBackAsTheSameBytes() {
    byte[] pixels = TestRecords.image(3).getPixels().array();
    byte[] bytes = serde.serializer().serialize("t", TestRecords.genericImage(3, 3, pixels));

    ByteBuffer back = (ByteBuffer) serde.deserializer().deserialize("t", bytes).get("pixels");

    byte[] copy = new byte[back.remaining()];
    back.get(copy);
    assertThat(copy).isEqualTo(pixels);
  }
}
