package io.latentwire.trainer.report;

import io.latentwire.codec.mapping.FeatureKind;
import io.latentwire.codec.mapping.FieldMapping;
import io.latentwire.trainer.rd.ImageShape;
import java.util.Optional;
import org.apache.avro.Schema;

/** Tells whether a model's input is an image, and its shape, from the data set's schema. */
public final class ImageShapes {
  /**
   * Schema properties the IDX reader sets on images that are not 28 x 28 (kept in step with {@code
   * io.latentwire.codec.dataset.IdxDataset}, where they are package-private).
   */
  static final String HEIGHT_PROPERTY = "latentwire.image.height";

  static final String WIDTH_PROPERTY = "latentwire.image.width";

  /** The example image schema: 28 x 28 grey pixels in a {@code bytes} field. */
  static final String IMAGE_RECORD = "io.latentwire.schemas.examples.ImageRecord";

  private ImageShapes() {}

  /**
   * The image shape of the model's input, when the input is one image.
   *
   * <p>In order: the height and width the IDX reader stores in the schema; the example {@code
   * ImageRecord} schema (28 x 28); else a single uint8 field whose width is a perfect square is
   * taken as a square grey image. Anything else (several fields, real-valued columns) is not an
   * image.
   *
   * @param schema the data set's schema, non-null
   * @param mapping the model's field mapping, non-null
   * @return the shape, or empty when the input is not (recognisably) an image
   */
  public static Optional<ImageShape> detect(Schema schema, FieldMapping mapping) {
    if (mapping.fields().size() != 1 || !mapping.featureKinds().contains(FeatureKind.UINT8)) {
      return Optional.empty();
    }
    int width = mapping.width();
    Object h = schema.getObjectProp(HEIGHT_PROPERTY);
    Object w = schema.getObjectProp(WIDTH_PROPERTY);
    if (h instanceof Number hn && w instanceof Number wn) {
      int pixels = hn.intValue() * wn.intValue();
      if (pixels > 0 && width % pixels == 0) {
        return Optional.of(new ImageShape(hn.intValue(), wn.intValue(), width / pixels));
      }
    }
    if (IMAGE_RECORD.equals(schema.getFullName()) && width == 28 * 28) {
      return Optional.of(new ImageShape(28, 28, 1));
    }
    int side = (int) Math.round(Math.sqrt(width));
    if (side >= 4 && side * side == width) {
      return Optional.of(new ImageShape(side, side, 1));
    }
    return Optional.empty();
  }
}
