package io.latentwire.codec.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.errors.MappingException;
import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class FieldMappingTest {

  private static GenericRecord image(long id, Integer label, byte[] pixels) {
    GenericData.Record r = new GenericData.Record(ImageRecord.getClassSchema());
    r.put("id", id);
    r.put("label", label);
    r.put("pixels", ByteBuffer.wrap(pixels));
    return r;
  }

  @Test
  void shouldMapThePixelsOfAnImageAndPassIdAndLabelThrough() {
    FieldMapping m = FieldMapping.infer(ImageRecord.getClassSchema(), image(1, 3, new byte[784]));
    assertThat(m.fields()).containsExactly(new MappedField("pixels", FieldType.BYTES, 784));
    assertThat(m.width()).isEqualTo(784);
    assertThat(m.featureKinds()).containsOnly(FeatureKind.UINT8);
  }

  @Test
  void shouldMapEveryFloatChannelOfTelemetryButNotTheTimestamp() {
    Schema s = TelemetryRecord.getClassSchema();
    GenericData.Record sample = new GenericData.Record(s);
    FieldMapping m = FieldMapping.infer(s, sample);
    assertThat(m.width()).isEqualTo(12);
    assertThat(m.isMapped("timestamp")).isFalse();
    assertThat(m.isMapped("deviceId")).isFalse();
    assertThat(m.isMapped("vibration")).isTrue();
  }

  @Test
  void shouldRestoreTypesWhenInjecting() {
    Schema s =
        SchemaBuilder.record("R")
            .fields()
            .requiredInt("i")
            .requiredLong("l")
            .requiredFloat("f")
            .requiredDouble("d")
            .name("a")
            .type()
            .array()
            .items()
            .intType()
            .noDefault()
            .requiredBytes("b")
            .endRecord();
    FieldMapping m =
        new FieldMapping(
            List.of(
                new MappedField("i", FieldType.INT, 1),
                new MappedField("l", FieldType.LONG, 1),
                new MappedField("f", FieldType.FLOAT, 1),
                new MappedField("d", FieldType.DOUBLE, 1),
                new MappedField("a", FieldType.ARRAY_INT, 2),
                new MappedField("b", FieldType.BYTES, 2)));
    GenericData.Record out = new GenericData.Record(s);
    m.inject(new float[] {2.6f, -3.4f, 1.5f, 2.25f, 7.4f, -1.6f, 300f, -5f}, out);
    assertThat(out.get("i")).isEqualTo(3);
    assertThat(out.get("l")).isEqualTo(-3L);
    assertThat(out.get("f")).isEqualTo(1.5f);
    assertThat(out.get("d")).isEqualTo(2.25d);
    assertThat(List.copyOf((List<?>) out.get("a"))).isEqualTo(List.of(7, -2));
    assertThat(((ByteBuffer) out.get("b")).array()).containsExactly((byte) 255, (byte) 0);
  }

  @Test
  void shouldNameTheAbsentFieldWhenASchemaCannotSatisfyTheMapping() {
    FieldMapping m = new FieldMapping(List.of(new MappedField("pixels", FieldType.BYTES, 784)));
    Schema other = SchemaBuilder.record("Other").fields().requiredInt("x").endRecord();
    assertThatThrownBy(() -> m.checkSchema(other))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("'pixels'")
        .hasMessageContaining("Other lacks it");
  }

  @Test
  void shouldNameTheFieldWhenAVectorHasTheWrongLength() {
    FieldMapping m = new FieldMapping(List.of(new MappedField("pixels", FieldType.BYTES, 784)));
    assertThatThrownBy(() -> m.extract(image(1, null, new byte[10])))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("'pixels'")
        .hasMessageContaining("10 elements")
        .hasMessageContaining("784");
  }

  @Test
  void shouldRejectASchemaWithNothingToCompress() {
    Schema s = SchemaBuilder.record("Text").fields().requiredString("s").endRecord();
    assertThatThrownBy(() -> FieldMapping.infer(s, new GenericData.Record(s)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("no numeric field");
  }

  @Test
  void shouldRebuildTheFullRecordFromPassthroughAndValues() {
    byte[] pixels = new byte[784];
    pixels[5] = (byte) 200;
    GenericRecord original = image(42, 7, pixels);
    FieldMapping m = FieldMapping.infer(original.getSchema(), original);
    PassthroughProjection p = new PassthroughProjection(original.getSchema(), m);
    byte[] passthrough = p.write(original);
    GenericRecord rebuilt = p.rebuild(passthrough, m.extract(original));
    assertThat(rebuilt).isEqualTo(original);
    assertThat(p.projectedSchema().getFields())
        .extracting(Schema.Field::name)
        .containsExactly("id", "label");
  }

  @Test
  void shouldUseNoPassthroughBytesWhenEveryFieldIsMapped() {
    Schema s = SchemaBuilder.record("V").fields().requiredFloat("a").requiredFloat("b").endRecord();
    GenericData.Record r = new GenericData.Record(s);
    r.put("a", 1f);
    r.put("b", 2f);
    FieldMapping m = FieldMapping.infer(s, r);
    PassthroughProjection p = new PassthroughProjection(s, m);
    assertThat(p.write(r)).isEmpty();
    assertThat(p.rebuild(new byte[0], new float[] {1f, 2f})).isEqualTo(r);
  }

  @Test
  void shouldReportCorruptPassthroughAsATypedError() {
    GenericRecord original = image(42, 7, new byte[784]);
    FieldMapping m = FieldMapping.infer(original.getSchema(), original);
    PassthroughProjection p = new PassthroughProjection(original.getSchema(), m);
    assertThatThrownBy(() -> p.rebuild(new byte[] {(byte) 0xFF}, new float[784]))
        .isInstanceOf(CorruptPayloadException.class);
  }
}
