package io.latentwire.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.codec.mapping.FieldType;
import io.latentwire.codec.mapping.MappedField;
import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.trainer.rd.ImageShape;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ImageShapesTest {
  private static FieldMapping bytesField(String name, int width) {
    return new FieldMapping(List.of(new MappedField(name, FieldType.BYTES, width)));
  }

  @Test
  void shouldTakeTheShapeTheIdxReaderRecordsInTheSchema() {
    Schema s = SchemaBuilder.record("Img").fields().requiredBytes("pixels").endRecord();
    s.addProp(ImageShapes.HEIGHT_PROPERTY, 10);
    s.addProp(ImageShapes.WIDTH_PROPERTY, 12);
    assertThat(ImageShapes.detect(s, bytesField("pixels", 120)))
        .contains(new ImageShape(10, 12, 1));
    assertThat(ImageShapes.detect(s, bytesField("pixels", 360)))
        .contains(new ImageShape(10, 12, 3));
  }

  @Test
  void shouldKnowTheExampleImageRecordIs28By28() {
    assertThat(ImageShapes.detect(ImageRecord.getClassSchema(), bytesField("pixels", 784)))
        .contains(new ImageShape(28, 28, 1));
  }

  @Test
  void shouldTakeASquareByteVectorAsAGreyImage() {
    Schema s = SchemaBuilder.record("R").fields().requiredBytes("v").endRecord();
    assertThat(ImageShapes.detect(s, bytesField("v", 64))).contains(new ImageShape(8, 8, 1));
    assertThat(ImageShapes.detect(s, bytesField("v", 60))).isEmpty();
  }

  @Test
  void shouldNotTakeScalarColumnsForAnImage() {
    Schema s = SchemaBuilder.record("R").fields().requiredDouble("a").endRecord();
    FieldMapping m = new FieldMapping(List.of(new MappedField("a", FieldType.DOUBLE, 1)));
    assertThat(ImageShapes.detect(s, m)).isEmpty();
  }
}
