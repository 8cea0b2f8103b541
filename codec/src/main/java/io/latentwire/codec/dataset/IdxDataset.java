package io.latentwire.codec.dataset;

import io.latentwire.schemas.examples.ImageRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * An IDX images file (rank 3: count x height x width unsigned bytes) read as image records, with
 * labels from the matching labels file beside it when there is one ({@code
 * train-images-idx3-ubyte[.gz]} pairs with {@code train-labels-idx1-ubyte[.gz]}).
 *
 * <p>28x28 images use {@link ImageRecord}'s schema; other sizes a record {@value #GENERIC_NAME}
 * with the same fields and the image size in the properties {@value #HEIGHT_PROPERTY} and {@value
 * #WIDTH_PROPERTY}. Record ids count from 0 in file order.
 */
final class IdxDataset extends AbstractDataset {

  static final String GENERIC_NAME = "IdxImageRecord";
  static final String HEIGHT_PROPERTY = "latentwire.image.height";
  static final String WIDTH_PROPERTY = "latentwire.image.width";
  static final String SOURCE_IDX = "idx";

  /** {@code <prefix>images<sep>idx3<rest>}: the names of IDX image files. */
  private static final Pattern IMAGES_NAME =
      Pattern.compile("(.*)images([-.])idx3([-.]ubyte)?(\\.gz)?", Pattern.CASE_INSENSITIVE);

  private static final int IMAGE_RANK = 3;
  private static final int LABEL_RANK = 1;

  private final IdxFile images;
  private final IdxFile labels;
  private long imagesRead;

  private IdxDataset(Path file, IdxFile images, IdxFile labels, Schema schema) {
    super(file, DataFormat.IDX, schema);
    this.images = images;
    this.labels = labels;
  }

  /**
   * Opens an images file and, if present beside it, its labels file. Headers (and, for plain files,
   * lengths) are validated here.
   */
  static IdxDataset open(Path file) {
    IdxFile images = IdxFile.open(file, IMAGE_RANK, "an images file: count x height x width");
    IdxFile labels = null;
    try {
      Optional<Path> labelsFile = labelsFileFor(file);
      if (labelsFile.isPresent()) {
        labels = IdxFile.open(labelsFile.get(), LABEL_RANK, "a labels file: one byte per image");
        if (labels.items() != images.items()) {
          throw DataFormatException.in(labelsFile.get())
              .byteOffset(4)
              .value(Integer.toString(labels.items()))
              .problem(
                  "is the number of labels, but " + file + " holds " + images.items() + " images")
              .allowed("one label per image: " + images.items())
              .build();
        }
      }
      return new IdxDataset(file, images, labels, schemaFor(images.dim(1), images.dim(2)));
    } catch (RuntimeException e) {
      images.close();
      if (labels != null) {
        labels.close();
      }
      throw e;
    }
  }

  /**
   * The labels file that belongs to an images file, if it exists: same name with {@code images} →
   * {@code labels} and {@code idx3} → {@code idx1}, gzip or not (same compression preferred).
   */
  static Optional<Path> labelsFileFor(Path imagesFile) {
    Path name = imagesFile.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    Matcher m = IMAGES_NAME.matcher(name.toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    String base =
        m.group(1) + "labels" + m.group(2) + "idx1" + (m.group(3) == null ? "" : m.group(3));
    List<String> candidates = new ArrayList<>();
    if (m.group(4) != null) {
      candidates.add(base + m.group(4));
      candidates.add(base);
    } else {
      candidates.add(base);
      candidates.add(base + ".gz");
    }
    for (String candidate : candidates) {
      Path path = imagesFile.resolveSibling(candidate);
      if (Files.isRegularFile(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  static Schema schemaFor(int height, int width) {
    if (height * width == 784) {
      return ImageRecord.getClassSchema();
    }
    Schema imageRecord = ImageRecord.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : imageRecord.getFields()) {
      fields.add(
          new Schema.Field(
              f.name(),
              f.schema(),
              f.name().equals("pixels")
                  ? height + "x" + width + " uint8 pixel intensities, row-major, 0 = background."
                  : f.doc(),
              f.hasDefaultValue() ? f.defaultVal() : null));
    }
    Schema schema =
        Schema.createRecord(
            GENERIC_NAME,
            "A " + height + "x" + width + " grey-scale image read from an IDX file.",
            CsvSchemas.NAMESPACE,
            false,
            fields);
    schema.addProp(CsvSchemas.SOURCE_PROPERTY, SOURCE_IDX);
    schema.addProp(HEIGHT_PROPERTY, height);
    schema.addProp(WIDTH_PROPERTY, width);
    return schema;
  }

  @Override
  protected GenericRecord readNext() {
    long index = imagesRead;
    if (index == images.items()) {
      images.checkAtEnd();
      if (labels != null) {
        labels.checkAtEnd();
      }
      return null;
    }
    byte[] pixels = images.readItem(index);
    Integer label = labels == null ? null : labels.readItem(index)[0] & 0xff;
    GenericData.Record record = new GenericData.Record(schema());
    record.put("id", index);
    record.put("label", label);
    record.put("pixels", ByteBuffer.wrap(pixels));
    imagesRead++;
    return record;
  }

  @Override
  public String position() {
    long row = rowNumber();
    if (row == 0) {
      return source() + ", before the first image";
    }
    return source() + ", image " + row + " (byte offset " + images.offsetOf(row - 1) + ")";
  }

  @Override
  protected void release() {
    images.close();
    if (labels != null) {
      labels.close();
    }
  }
}
