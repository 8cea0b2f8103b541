package io.latentwire.codec.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwire.codec.errors.MappingException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Mapping fields by path: nested records, arrays, bytes/fixed, nullable unions, bad input. */
class FieldPathMappingTest {
  static final Schema POSITION =
      SchemaBuilder.record("Position")
          .namespace("test")
          .fields()
          .requiredDouble("lat")
          .requiredDouble("lon")
          .requiredString("datum")
          .endRecord();
  static final Schema PATCH = Schema.createFixed("Patch", null, "test", 4);
  static final Schema SENSOR =
      SchemaBuilder.record("Sensor")
          .namespace("test")
          .fields()
          .requiredString("id")
          .name("readings")
          .type()
          .array()
          .items()
          .intType()
          .noDefault()
          .name("patch")
          .type(PATCH)
          .noDefault()
          .optionalFloat("gain")
          .endRecord();
  static final Schema READING =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredString("device")
          .name("ts")
          .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
          .noDefault()
          .name("position")
          .type(POSITION)
          .noDefault()
          .name("sensor")
          .type(SENSOR)
          .noDefault()
          .endRecord();

  static GenericRecord reading(List<Integer> readings, Float gain) {
    GenericData.Record pos = new GenericData.Record(POSITION);
    pos.put("lat", 48.5);
    pos.put("lon", -2.25);
    pos.put("datum", "WGS84");
    GenericData.Record sensor = new GenericData.Record(SENSOR);
    sensor.put("id", "s-1");
    sensor.put("readings", new GenericData.Array<>(SENSOR.getField("readings").schema(), readings));
    sensor.put("patch", new GenericData.Fixed(PATCH, new byte[] {0, 7, (byte) 200, (byte) 255}));
    sensor.put("gain", gain);
    GenericData.Record r = new GenericData.Record(READING);
    r.put("device", "pump-1");
    r.put("ts", 1_700_000_000_000L);
    r.put("position", pos);
    r.put("sensor", sensor);
    return r;
  }

  static final List<String> PATHS =
      List.of("position.lat", "position.lon", "sensor.readings", "sensor.patch", "sensor.gain");

  @Test
  void shouldInferVectorsInsideNestedRecordsAndLeaveNullableFieldsOut() {
    FieldMapping m = FieldMapping.infer(READING, reading(List.of(1, 2, 3), 1f));
    assertThat(m.fields())
        .containsExactly(
            new MappedField("sensor.readings", FieldType.ARRAY_INT, 3),
            new MappedField("sensor.patch", FieldType.FIXED, 4));
  }

  @Test
  void shouldInferNestedScalarsWhenThereIsNoVector() {
    Schema s =
        SchemaBuilder.record("Fix")
            .fields()
            .requiredString("id")
            .name("position")
            .type(POSITION)
            .noDefault()
            .optionalDouble("alt")
            .endRecord();
    FieldMapping m = FieldMapping.infer(s, new GenericData.Record(s));
    assertThat(m.fields())
        .containsExactly(
            new MappedField("position.lat", FieldType.DOUBLE, 1),
            new MappedField("position.lon", FieldType.DOUBLE, 1));
  }

  @Test
  void shouldMapPathsAndRebuildTheWholeNestedRecordInItsWriterSchema() {
    GenericRecord original = reading(List.of(10, -4, 7), 2.5f);
    FieldMapping m = FieldMapping.of(READING, original, PATHS);
    assertThat(m.width()).isEqualTo(1 + 1 + 3 + 4 + 1);
    float[] features = m.extract(original);
    assertThat(features).containsExactly(48.5f, -2.25f, 10, -4, 7, 0, 7, 200, 255, 2.5f);

    PassthroughProjection p = new PassthroughProjection(READING, m);
    Schema projected = p.projectedSchema();
    assertThat(projected.getField("position").schema().getFields())
        .extracting(Schema.Field::name)
        .containsExactly("datum");
    assertThat(projected.getField("sensor").schema().getFields())
        .extracting(Schema.Field::name)
        .containsExactly("id");
    assertThat(projected.getField("ts").schema()).isEqualTo(READING.getField("ts").schema());

    GenericRecord rebuilt = p.rebuild(p.write(original), features);
    assertThat(rebuilt.getSchema()).isSameAs(READING);
    assertThat(((GenericRecord) rebuilt.get("position")).getSchema()).isSameAs(POSITION);
    assertThat(rebuilt).isEqualTo(original);
  }

  @Test
  void shouldRestoreNumericTypesInNestedFieldsRoundingIntsAndClampingBytes() {
    GenericRecord original = reading(List.of(1, 2, 3), 1f);
    FieldMapping m = FieldMapping.of(READING, original, PATHS);
    PassthroughProjection p = new PassthroughProjection(READING, m);
    float[] noisy = {48.5f, -2.25f, 1.4f, 2.6f, -3.6f, -9f, 7.4f, 254.6f, 300f, 0.5f};
    GenericRecord rebuilt = p.rebuild(p.write(original), noisy);
    GenericRecord sensor = (GenericRecord) rebuilt.get("sensor");
    assertThat(List.copyOf((List<?>) sensor.get("readings"))).isEqualTo(List.of(1, 3, -4));
    assertThat(((GenericData.Fixed) sensor.get("patch")).bytes())
        .containsExactly(0, 7, (byte) 255, (byte) 255);
    assertThat(sensor.get("gain")).isEqualTo(0.5f);
    assertThat(sensor.get("id").toString()).isEqualTo("s-1");
  }

  @Test
  void shouldKeepANestedRecordWhoseFieldsAreAllMappedAsAnEmptyPassthrough() {
    Schema s =
        SchemaBuilder.record("Only")
            .fields()
            .name("v")
            .type(
                SchemaBuilder.record("V")
                    .fields()
                    .requiredFloat("x")
                    .requiredFloat("y")
                    .endRecord())
            .noDefault()
            .endRecord();
    GenericData.Record v = new GenericData.Record(s.getField("v").schema());
    v.put("x", 1.5f);
    v.put("y", -2f);
    GenericData.Record r = new GenericData.Record(s);
    r.put("v", v);
    FieldMapping m = FieldMapping.infer(s, r);
    PassthroughProjection p = new PassthroughProjection(s, m);
    assertThat(p.write(r)).isEmpty();
    assertThat(p.rebuild(new byte[0], m.extract(r))).isEqualTo(r);
  }

  @Test
  void shouldMapAFieldInsideANullableRecordAndRefuseANullRecordNamingThePath() {
    Schema s =
        SchemaBuilder.record("Track")
            .fields()
            .requiredString("id")
            .name("position")
            .type()
            .optional()
            .type(POSITION)
            .endRecord();
    GenericData.Record pos = new GenericData.Record(POSITION);
    pos.put("lat", 1.5);
    pos.put("lon", 2.5);
    pos.put("datum", "x");
    GenericData.Record r = new GenericData.Record(s);
    r.put("id", "t");
    r.put("position", pos);
    FieldMapping m = FieldMapping.of(s, r, List.of("position.lat"));
    PassthroughProjection p = new PassthroughProjection(s, m);
    assertThat(p.rebuild(p.write(r), m.extract(r))).isEqualTo(r);

    r.put("position", null);
    assertThatThrownBy(() -> m.extract(r))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'position.lat': record 'position' is null; the model needs a number (double)");
  }

  @Test
  void shouldRefuseANullInANullableMappedFieldNamingThePath() {
    GenericRecord r = reading(List.of(1, 2), null);
    FieldMapping m = FieldMapping.of(READING, reading(List.of(1, 2), 1f), PATHS);
    assertThatThrownBy(() -> m.extract(r))
        .isInstanceOf(MappingException.class)
        .hasMessage("field 'sensor.gain': is null; the model needs a number (float)");
  }

  @Test
  void shouldNameAnAbsentTopLevelFieldAndListTheFields() {
    GenericRecord r = reading(List.of(1), 1f);
    assertThatThrownBy(() -> FieldMapping.of(READING, r, List.of("altitude")))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'altitude': is not in schema test.Reading; its fields are device, ts,"
                + " position, sensor");
  }

  @Test
  void shouldNameAnAbsentNestedPathAndTheRecordItWasLookedFor() {
    GenericRecord r = reading(List.of(1), 1f);
    assertThatThrownBy(() -> FieldMapping.of(READING, r, List.of("position.alt")))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'position.alt': is not in schema test.Reading; record 'position'"
                + " (test.Position) has no field 'alt', only lat, lon, datum");
  }

  @Test
  void shouldRefuseAPathThroughAFieldThatIsNotARecord() {
    GenericRecord r = reading(List.of(1), 1f);
    assertThatThrownBy(() -> FieldMapping.of(READING, r, List.of("device.length")))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'device.length': 'device' has type string, not a record, in schema test.Reading");
  }

  @Test
  void shouldRefuseAFieldOfTheWrongTypeNamingTypeAndAllowedTypes() {
    GenericRecord r = reading(List.of(1), 1f);
    assertThatThrownBy(() -> FieldMapping.of(READING, r, List.of("position.datum")))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'position.datum': has type string, which cannot be mapped; allowed: int, long,"
                + " float, double, bytes, fixed, arrays of int/long/float/double, each possibly"
                + " nullable, inside records by path (a.b)");
    assertThatThrownBy(() -> FieldMapping.of(READING, r, List.of("ts")))
        .isInstanceOf(MappingException.class)
        .hasMessageStartingWith("field 'ts': has type timestamp-millis (long), which cannot");
    assertThatThrownBy(() -> FieldMapping.of(READING, r, List.of("position")))
        .isInstanceOf(MappingException.class)
        .hasMessageEndingWith("map its numeric fields by path, e.g. position.lat");
  }

  @Test
  void shouldRefuseAnArrayOfAnotherLengthNamingFieldExpectedAndActualLength() {
    FieldMapping m = FieldMapping.of(READING, reading(List.of(1, 2, 3), 1f), PATHS);
    assertThatThrownBy(() -> m.extract(reading(List.of(1, 2, 3, 4, 5), 1f)))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'sensor.readings': has 5 elements; the model needs exactly 3 (the length is"
                + " fixed at training)");
  }

  @Test
  void shouldRefuseAWriterSchemaLackingAMappedPathOrWithAWrongType() {
    FieldMapping m = FieldMapping.of(READING, reading(List.of(1, 2, 3), 1f), PATHS);
    Schema noLon =
        SchemaBuilder.record("Reading")
            .namespace("test")
            .fields()
            .name("position")
            .type(
                SchemaBuilder.record("Position")
                    .namespace("test")
                    .fields()
                    .requiredDouble("lat")
                    .endRecord())
            .noDefault()
            .endRecord();
    assertThatThrownBy(() -> new PassthroughProjection(noLon, m))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'position.lon': the model needs it but schema test.Reading lacks it; record"
                + " 'position' (test.Position) has no field 'lon', only lat");
    Schema stringLat =
        SchemaBuilder.record("Reading")
            .namespace("test")
            .fields()
            .name("position")
            .type(
                SchemaBuilder.record("Position")
                    .namespace("test")
                    .fields()
                    .requiredString("lat")
                    .endRecord())
            .noDefault()
            .endRecord();
    assertThatThrownBy(() -> m.checkSchema(stringLat))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'position.lat': the model needs a number (double) but schema test.Reading has"
                + " string");
  }

  @Test
  void shouldRefuseAFixedOfAnotherSizeInTheWriterSchema() {
    FieldMapping m = new FieldMapping(List.of(new MappedField("sensor.patch", FieldType.FIXED, 8)));
    assertThatThrownBy(() -> m.checkSchema(READING))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "field 'sensor.patch': the model needs a fixed of length 8 but schema test.Reading"
                + " has fixed test.Patch[4]");
  }

  @Test
  void shouldRejectAMappingThatNamesARecordAndAFieldInsideIt() {
    assertThatThrownBy(
            () ->
                new FieldMapping(
                    List.of(
                        new MappedField("a.b", FieldType.FLOAT, 1),
                        new MappedField("a", FieldType.BYTES, 4))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'a' is mapped and so are fields inside it; map one or the other");
  }

  @Test
  void shouldReadManifestMappingsWrittenBeforePathsAsPathsOfLengthOne() throws Exception {
    String before = "{\"fields\":[{\"name\":\"pixels\",\"type\":\"BYTES\",\"width\":4}]}";
    FieldMapping m = new ObjectMapper().readValue(before, FieldMapping.class);
    Schema s =
        SchemaBuilder.record("Img").fields().requiredLong("id").requiredBytes("pixels").endRecord();
    GenericData.Record r = new GenericData.Record(s);
    r.put("id", 3L);
    r.put("pixels", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    assertThat(m.extract(r)).containsExactly(1, 2, 3, 4);
    assertThat(new ObjectMapper().writeValueAsString(m)).isEqualTo(before);
  }
}
