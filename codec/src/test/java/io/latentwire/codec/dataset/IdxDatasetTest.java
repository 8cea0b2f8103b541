package io.latentwire.codec.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.latentwire.schemas.examples.ImageRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetTest {

  @TempDir Path dir;

  private static List<GenericRecord> readAll(Path file) {
    try (Dataset dataset = Datasets.open(file)) {
      List<GenericRecord> records = new ArrayList<>();
      dataset.forEach(records::add);
      return records;
    }
  }

  private static byte[] pixels(GenericRecord record) {
    ByteBuffer buffer = (ByteBuffer) record.get("pixels");
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(strings = {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"})
  void shouldRead28x28ImagesAsImageRecordsWithPairedLabels(String name) throws IOException {
    byte[] images = IdxFiles.images(3, 28, 28);
    Path file = IdxFiles.write(dir.resolve(name), images);
    IdxFiles.write(
        dir.resolve(name.replace("images-idx3", "labels-idx1")), IdxFiles.labels(7, 0, 9));

    try (Dataset dataset = Datasets.open(file)) {
      assertThat(dataset.format()).isEqualTo(DataFormat.IDX);
      assertThat(dataset.schema()).isEqualTo(ImageRecord.getClassSchema());
      List<GenericRecord> records = new ArrayList<>();
      dataset.forEach(records::add);

      assertThat(records).extracting(r -> r.get("id")).containsExactly(0L, 1L, 2L);
      assertThat(records).extracting(r -> r.get("label")).containsExactly(7, 0, 9);
      assertThat(pixels(records.get(1)))
          .isEqualTo(Arrays.copyOfRange(images, 16 + 784, 16 + 2 * 784));
      assertThat(dataset.position()).contains("image 3 (byte offset " + (16 + 2 * 784) + ")");
    }
  }

  @Test
  void shouldPairAPlainImagesFileWithGzipLabels() throws IOException {
    Path file = IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(2, 28, 28));
    IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.labels(4, 5));

    assertThat(readAll(file)).extracting(r -> r.get("label")).containsExactly(4, 5);
  }

  @Test
  void shouldLeaveLabelsNullWithoutALabelsFile() throws IOException {
    Path file = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(2, 28, 28));

    assertThat(readAll(file)).extracting(r -> r.get("label")).containsExactly(null, null);
  }

  @Test
  void shouldUseAGenericImageSchemaForOtherSizes() throws IOException {
    Path file = IdxFiles.write(dir.resolve("small-images-idx3-ubyte"), IdxFiles.images(4, 3, 5));

    try (Dataset dataset = Datasets.open(file)) {
      assertThat(dataset.schema().getFullName()).isEqualTo("io.latentwire.dataset.IdxImageRecord");
      assertThat(dataset.schema().getObjectProp(IdxDataset.HEIGHT_PROPERTY)).isEqualTo(3);
      assertThat(dataset.schema().getObjectProp(IdxDataset.WIDTH_PROPERTY)).isEqualTo(5);
      assertThat(dataset.schema().getFields())
          .extracting(f -> f.name())
          .containsExactly("id", "label", "pixels");
      GenericRecord first = dataset.iterator().next();
      assertThat(pixels(first)).hasSize(15);
    }
  }

  @Test
  void shouldRejectATruncatedPlainFileAtOpenWithTheByteOffset() throws IOException {
    byte[] full = IdxFiles.images(3, 28, 28);
    Path file = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, 1000));

    DataFormatException e =
        catchThrowableOfType(DataFormatException.class, () -> Datasets.open(file));

    assertThat(e.byteOffset()).hasValue(1000);
    assertThat(e.getMessage())
        .contains("byte offset 1000")
        .contains("truncated")
        .contains("3 items of 28x28 bytes")
        .contains("should be " + full.length + " bytes");
  }

  @Test
  void shouldRejectATruncatedGzipFileWhileReadingWithTheByteOffset() throws IOException {
    byte[] full = IdxFiles.images(3, 28, 28);
    Path file =
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(full, 1000));

    try (Dataset dataset = Datasets.open(file)) {
      var it = dataset.iterator();
      it.next();
      DataFormatException e = catchThrowableOfType(DataFormatException.class, it::next);
      assertThat(e.byteOffset()).hasValue(1000);
      assertThat(e.row()).hasValue(2);
      assertThat(e.getMessage()).contains("item 2, byte offset 1000").contains("truncated");
    }
  }

  @Test
  void shouldRejectAGzipFileCutInTheMiddleOfTheCompressedStream() throws IOException {
    Path full =
        IdxFiles.write(dir.resolve("whole-images-idx3-ubyte.gz"), IdxFiles.images(50, 28, 28));
    byte[] compressed = Files.readAllBytes(full);
    Path cut =
        Files.write(
            dir.resolve("cut-images-idx3-ubyte.gz"),
            Arrays.copyOf(compressed, compressed.length / 2));

    assertThatThrownBy(() -> readAll(cut))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("byte offset");
  }

  @Test
  void shouldRejectTrailingBytes() throws IOException {
    byte[] full = IdxFiles.images(1, 28, 28);
    Path file =
        IdxFiles.write(dir.resolve("x-images-idx3-ubyte"), Arrays.copyOf(full, full.length + 3));

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("byte offset " + full.length)
        .hasMessageContaining("3 bytes follow the data");
  }

  @Test
  void shouldRejectABadMagicNumber() throws IOException {
    Path file = Files.write(dir.resolve("x-images-idx3-ubyte"), new byte[] {1, 2, 8, 3, 0, 0});

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("byte offset 0")
        .hasMessageContaining("value '0x0102' is not an IDX magic number");
  }

  @Test
  void shouldRejectUnsupportedElementTypesListingTheAllowedOne() throws IOException {
    byte[] bytes = IdxFiles.images(1, 2, 2);
    bytes[2] = 0x0D; // float
    Path file = Files.write(dir.resolve("x-images-idx3-ubyte"), bytes);

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("value '0x0d'")
        .hasMessageContaining("allowed: 0x08 (unsigned byte)");
  }

  @Test
  void shouldRejectALabelsFileOpenedAsImages() throws IOException {
    Path file = IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(1, 2));

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("a labels file; open the images file beside it instead");
  }

  @Test
  void shouldRejectAHugeDeclaredCountWithoutAllocatingIt() throws IOException {
    byte[] header = IdxFiles.idx(new int[] {Integer.MAX_VALUE, 28, 28}, new byte[784]);
    Path file = Files.write(dir.resolve("x-images-idx3-ubyte"), header);

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining(Integer.MAX_VALUE + " items of 28x28 bytes");
  }

  @Test
  void shouldRejectAHugeDeclaredImageSize() throws IOException {
    Path file =
        Files.write(
            dir.resolve("x-images-idx3-ubyte.gz"),
            IdxFiles.idx(new int[] {1, 100_000, 100_000}, new byte[0]));

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("larger than " + IdxFile.MAX_ITEM_BYTES + " bytes");
  }

  @Test
  void shouldRejectALabelCountThatDiffersFromTheImageCount() throws IOException {
    Path file = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(3, 28, 28));
    IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(1, 2));

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train-labels-idx1-ubyte")
        .hasMessageContaining("value '2' is the number of labels")
        .hasMessageContaining("holds 3 images");
  }

  @Test
  void shouldFindLabelsFilesByTheStandardNames() throws IOException {
    Path images = dir.resolve("train-images.idx3-ubyte");
    Path labels = IdxFiles.write(dir.resolve("train-labels.idx1-ubyte"), IdxFiles.labels(1));

    assertThat(IdxDataset.labelsFileFor(images)).contains(labels);
    assertThat(IdxDataset.labelsFileFor(dir.resolve("other.idx"))).isEmpty();
  }
}
