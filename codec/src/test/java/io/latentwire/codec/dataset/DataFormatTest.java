package io.latentwire.codec.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFormatTest {

  @ParameterizedTest
  @CsvSource({
    "data.csv, CSV",
    "DATA.CSV, CSV",
    "codes.avro, AVRO",
    "train-images-idx3-ubyte, IDX",
    "train-images-idx3-ubyte.gz, IDX",
    "t10k-labels-idx1-ubyte.gz, IDX",
    "train-images.idx3-ubyte, IDX",
    "digits.idx, IDX"
  })
  void shouldDetectTheFormatFromTheFileName(String name, DataFormat expected) {
    assertThat(DataFormat.detect(Path.of("/some/dir", name))).isEqualTo(expected);
  }

  @Test
  void shouldRejectAnUnknownNameListingTheAllowedFormats() {
    assertThatThrownBy(() -> DataFormat.detect(Path.of("notes.txt")))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("--format")
        .hasMessageContaining("csv, idx, avro");
  }

  @Test
  void shouldParseTheCliValueIgnoringCaseAndRejectOthers() {
    assertThat(DataFormat.parse("Avro")).isEqualTo(DataFormat.AVRO);
    assertThat(DataFormat.resolve(Path.of("x.txt"), "csv")).isEqualTo(DataFormat.CSV);
    assertThatThrownBy(() -> DataFormat.parse("parquet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown data format 'parquet'; allowed values: csv, idx, avro");
  }

  @Test
  void shouldLetAnExplicitFormatOverrideTheName(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("readings.txt"), "a\n1\n");

    try (Dataset dataset = Datasets.open(file, DataFormat.CSV)) {
      assertThat(dataset.schema().getFields()).hasSize(1);
    }
  }

  @Test
  void shouldSayWhenTheFileDoesNotExist(@TempDir Path dir) {
    assertThatThrownBy(() -> Datasets.open(dir.resolve("missing.csv")))
        .isInstanceOf(DatasetException.class)
        .hasMessageEndingWith("missing.csv does not exist");
  }
}
