package io.latentwire.codec.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.LatentCodec;
import io.latentwire.codec.errors.MappingException;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.codec.onnx.InferenceOptions;
import io.latentwire.codec.testing.TestBundles;
import io.latentwire.schemas.LatentRecord;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The record codec with fields mapped by path: round trip and the refusals, message by message. */
class RecordCodecPathsTest {
  static final Schema TRACK =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Track", "namespace": "test", "fields": [
                {"name": "id", "type": "string"},
                {"name": "fix", "type": {"type": "record", "name": "Fix", "fields": [
                  {"name": "lat", "type": "float"},
                  {"name": "window", "type": {"type": "array", "items": "long"}},
                  {"name": "source", "type": "string"}]}}
              ]}
              """);

  LatentCodec codec;
  RecordCodec records;

  @BeforeEach
  void open() {
    codec =
        LatentCodec.open(
            TestBundles.identity(
                List.of(
                    new MappedField("fix.lat", FieldType.FLOAT, 1),
                    new MappedField("fix.window", FieldType.ARRAY_LONG, 2)),
                3,
                0.0625f),
            InferenceOptions.cpu());
    records = new RecordCodec(codec);
  }

  @AfterEach
  void close() {
    codec.close();
  }

  static GenericRecord track(Schema schema, Object lat, List<Long> window) {
    Schema fixSchema = schema.getField("fix").schema();
    GenericData.Record fix = new GenericData.Record(fixSchema);
    fix.put("lat", lat);
    if (fixSchema.getField("window") != null) {
      fix.put("window", new GenericData.Array<>(fixSchema.getField("window").schema(), window));
    }
    fix.put("source", "gps");
    GenericData.Record r = new GenericData.Record(schema);
    r.put("id", "t-1");
    r.put("fix", fix);
    return r;
  }

  @Test
  void shouldRoundTripANestedRecordWithIntegersRestored() {
    GenericRecord original = track(TRACK, 1.25f, List.of(3L, -7L));
    LatentRecord lr = records.encode(original, 5);
    assertThat(lr.getSourceSchemaId()).isEqualTo(5);
    assertThat(records.decode(lr, TRACK)).isEqualTo(original);
  }

  @Test
  void shouldRefuseAWriterSchemaWithAMistypedPath() {
    Schema stringLat =
        new Schema.Parser()
            .parse(
                TRACK
                    .toString()
                    .replace(
                        "{\"name\":\"lat\",\"type\":\"float\"}",
                        "{\"name\":\"lat\",\"type\":\"string\"}"));
    assertThatThrownBy(() -> records.encode(track(stringLat, "north", List.of(1L, 2L)), 6))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'fix.lat': the model needs a number (float) but schema test.Track has string");
  }

  @Test
  void shouldRefuseAWriterSchemaLackingAPath() {
    Schema noWindow =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Track", "namespace": "test", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "fix", "type": {"type": "record", "name": "Fix", "fields": [
                    {"name": "lat", "type": "float"},
                    {"name": "source", "type": "string"}]}}
                ]}
                """);
    assertThatThrownBy(() -> records.encode(track(noWindow, 1f, null), 7))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'fix.window': the model needs it but schema test.Track lacks it; record 'fix'"
                + " (test.Fix) has no field 'window', only lat, source");
  }

  @Test
  void shouldRefuseAnArrayOfAnotherLength() {
    assertThatThrownBy(() -> records.encode(track(TRACK, 1f, List.of(1L, 2L, 3L)), 5))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'fix.window': has 3 elements; the model needs exactly 2 (the length is fixed at"
                + " training)");
  }
}
