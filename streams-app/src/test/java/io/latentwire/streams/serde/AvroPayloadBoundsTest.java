package io.latentwire.streams.serde;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroPayloadBoundsTest {

  private static final Schema NESTED =
      TestRecords.parse(
          "{\"type\":\"record\",\"name\":\"N\",\"fields\":["
              + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
              + "{\"name\":\"scores\",\"type\":{\"type\":\"map\",\"values\":\"double\"}},"
              + "{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"K\",\"symbols\":[\"A\",\"B\"]}},"
              + "{\"name\":\"hash\",\"type\":{\"type\":\"fixed\",\"name\":\"H\",\"size\":4}},"
              + "{\"name\":\"ok\",\"type\":\"boolean\"},{\"name\":\"f\",\"type\":\"float\"}]}");

  private static byte[] encode(GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static GenericRecord nested() {
    GenericRecord record = new GenericData.Record(NESTED);
    record.put("tags", List.of("x", "yz"));
    record.put("scores", Map.of("a", 1.5, "b", 2.0));
    record.put("kind", new GenericData.EnumSymbol(NESTED.getField("kind").schema(), "B"));
    record.put("hash", new GenericData.Fixed(NESTED.getField("hash").schema(), new byte[4]));
    record.put("ok", true);
    record.put("f", 1f);
    return record;
  }

  @Test
  void shouldAcceptEveryValidEncodingOfArraysMapsEnumsAndFixed() throws IOException {
    byte[] data = encode(nested());

    assertThatCode(() -> AvroPayloadBounds.check(NESTED, data, 0)).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectAnArrayCountLargerThanTheBytesLeft() {
    // tags: block count 1,000,000 (zig-zag varint), then nothing.
    byte[] data = {(byte) 0x80, (byte) 0x89, 0x7a};

    assertThatThrownBy(() -> AvroPayloadBounds.check(NESTED, data, 0))
        .isInstanceOf(AvroPayloadBounds.OutOfBounds.class)
        .hasMessageContaining("item count 1000000 at field 'tags[]'");
  }

  @Test
  void shouldRejectAnEnumIndexOutsideTheSymbols() throws IOException {
    byte[] data = encode(nested());
    // The enum index sits right before the 4 fixed bytes, the boolean and the float.
    data[data.length - 10] = 8;

    assertThatThrownBy(() -> AvroPayloadBounds.check(NESTED, data, 0))
        .isInstanceOf(AvroPayloadBounds.OutOfBounds.class)
        .hasMessageContaining("enum symbol index 4 at field 'kind'");
  }

  @Test
  void shouldRejectAnOverlongVarint() {
    Schema schema = TestRecords.parse("\"int\"");
    byte[] data = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};

    assertThatThrownBy(() -> AvroPayloadBounds.check(schema, data, 0))
        .isInstanceOf(AvroPayloadBounds.OutOfBounds.class)
        .hasMessageContaining("number longer than 5 bytes");
  }

  @Test
  void shouldStopACorruptRecursiveRecordAtTheDepthLimit() {
    Schema list =
        TestRecords.parse(
            "{\"type\":\"record\",\"name\":\"L\",\"fields\":["
                + "{\"name\":\"next\",\"type\":[\"null\",\"L\"]}]}");
    byte[] data = new byte[5000];
    java.util.Arrays.fill(data, (byte) 2); // always branch 1: another L

    assertThatThrownBy(() -> AvroPayloadBounds.check(list, data, 0))
        .isInstanceOf(AvroPayloadBounds.OutOfBounds.class)
        .hasMessageContaining("nesting deeper than " + AvroPayloadBounds.MAX_DEPTH);
  }
}
