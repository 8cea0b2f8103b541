package io.latentwire.codec.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {

  @TempDir Path dir;

  private Path csv(String content) throws IOException {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static List<GenericRecord> readAll(Path file) {
    try (Dataset dataset = Datasets.open(file)) {
      List<GenericRecord> records = new ArrayList<>();
      dataset.forEach(records::add);
      return records;
    }
  }

  private static DataFormatException formatError(Path file) {
    return catchThrowableOfType(DataFormatException.class, () -> readAll(file));
  }

  @Test
  void shouldInferLongDoubleAndStringColumns() throws IOException {
    Path file = csv("id,temp,name\n1,20.5,pump\n2,21,valve\n3,-1e-3,motor\n");

    try (Dataset dataset = Datasets.open(file)) {
      Schema schema = dataset.schema();
      assertThat(schema.getName()).isEqualTo("CsvRecord");
      assertThat(schema.getNamespace()).isEqualTo("io.latentwire.dataset");
      assertThat(schema.getProp(CsvSchemas.SOURCE_PROPERTY)).isEqualTo("csv");
      assertThat(schema.getField("id").schema().getType()).isEqualTo(Schema.Type.LONG);
      assertThat(schema.getField("temp").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
      assertThat(schema.getField("name").schema().getType()).isEqualTo(Schema.Type.STRING);
      assertThat(dataset.format()).isEqualTo(DataFormat.CSV);

      Iterator<GenericRecord> it = dataset.iterator();
      GenericRecord first = it.next();
      assertThat(first.get("id")).isEqualTo(1L);
      assertThat(first.get("temp")).isEqualTo(20.5);
      assertThat(first.get("name")).isEqualTo("pump");
      assertThat(dataset.rowNumber()).isEqualTo(1);
      it.next();
      GenericRecord third = it.next();
      assertThat(third.get("temp")).isEqualTo(-0.001);
      assertThat(dataset.position()).endsWith("data row 3 (line 4)");
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void shouldReadQuotedFieldsWithCommasQuotesAndNewlines() throws IOException {
    Path file =
        csv(
            "\uFEFFnote,value\r\n"
                + "\"hello, world\",1\r\n"
                + "\"she said \"\"hi\"\"\",2\r\n"
                + "\"two\nlines\",3\r\n"
                + "\"\",4\r\n");

    List<GenericRecord> records = readAll(file);

    assertThat(records)
        .extracting(r -> r.get("note"))
        .containsExactly("hello, world", "she said \"hi\"", "two\nlines", "");
    assertThat(records).extracting(r -> r.get("value")).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void shouldCountLinesOfMultilineFieldsInPositions() throws IOException {
    Path file = csv("note,value\n\"a\nb\nc\",1\nx,oops\n");

    DataFormatException e = formatError(file);

    assertThat(e.row()).hasValue(2);
    assertThat(e.line()).hasValue(5);
    assertThat(e.getMessage()).contains("data row 2 (line 5)");
  }

  @Test
  void shouldSanitiseColumnNamesAndKeepTheOriginalAsProperty() throws IOException {
    Path file = csv("temp (°C),2nd,a b,a_b,,ok\n1,2,3,4,5,6\n");

    try (Dataset dataset = Datasets.open(file)) {
      List<Schema.Field> fields = dataset.schema().getFields();
      assertThat(fields)
          .extracting(Schema.Field::name)
          .containsExactly("temp___C_", "_2nd", "a_b_2", "a_b", "_", "ok");
      assertThat(CsvSchemas.columnNames(dataset.schema()))
          .containsExactly("temp (°C)", "2nd", "a b", "a_b", "", "ok");
      assertThat(fields.get(0).getProp(CsvSchemas.COLUMN_PROPERTY)).isEqualTo("temp (°C)");
    }
  }

  @Test
  void shouldTypeAColumnByItsFirstValueOnly() throws IOException {
    Path file = csv("code,x\nA1,1\n42,2\n");

    try (Dataset dataset = Datasets.open(file)) {
      assertThat(dataset.schema().getField("code").schema().getType())
          .isEqualTo(Schema.Type.STRING);
      assertThat(dataset.iterator().next().get("code")).isEqualTo("A1");
    }
  }

  @Test
  void shouldRejectANonNumericValueInANumericColumnNamingRowColumnAndValue() throws IOException {
    Path file = csv("id,temp\n1,20.5\n2,warm\n");

    DataFormatException e = formatError(file);

    assertThat(e.row()).hasValue(2);
    assertThat(e.line()).hasValue(3);
    assertThat(e.column()).hasValue("temp");
    assertThat(e.value()).hasValue("warm");
    assertThat(e.getMessage())
        .contains("data.csv")
        .contains("data row 2 (line 3)")
        .contains("column 'temp'")
        .contains("value 'warm' is not a number")
        .contains("allowed: a finite number");
  }

  @Test
  void shouldRejectAMissingValueInANumericColumn() throws IOException {
    Path file = csv("id,temp\n1,20.5\n2,\n3,1\n");

    DataFormatException e = formatError(file);

    assertThat(e.getMessage())
        .contains("data row 2 (line 3)")
        .contains("column 'temp'")
        .contains("is empty (a missing value)");
  }

  @Test
  void shouldRejectNaNAndInfinityEvenInTheFirstRow() throws IOException {
    assertThat(formatError(csv("a,b\n1,2\n3,NaN\n")).getMessage())
        .contains("data row 2 (line 3)")
        .contains("column 'b'")
        .contains("value 'NaN' is not a finite number");
    assertThat(formatError(csv("a,b\n-Inf,2\n")).getMessage())
        .contains("data row 1 (line 2)")
        .contains("column 'a'")
        .contains("'-Inf'");
    assertThat(formatError(csv("a\n1.5\n1e999\n")).getMessage())
        .contains("value '1e999' is not a finite number");
  }

  @Test
  void shouldRejectRaggedRowsNamingExpectedAndActualCounts() throws IOException {
    DataFormatException e = formatError(csv("a,b,c\n1,2,3\n4,5\n"));

    assertThat(e.row()).hasValue(2);
    assertThat(e.getMessage())
        .contains("data row 2 (line 3)")
        .contains("the row has 2 fields but the header has 3 columns");

    assertThat(formatError(csv("a,b\n1,2,3\n")).getMessage())
        .contains("data row 1 (line 2)")
        .contains("has 3 fields but the header has 2 columns");
  }

  @Test
  void shouldRejectDuplicateColumnNames() throws IOException {
    DataFormatException e = formatError(csv("a,b,a\n1,2,3\n"));

    assertThat(e.getMessage()).contains("column 'a'").contains("twice (columns 1 and 3)");
  }

  @Test
  void shouldRejectAnEmptyFile() throws IOException {
    Path file = csv("");

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("data.csv is empty")
        .hasMessageContaining("header row");
  }

  @Test
  void shouldRejectAHeaderWithoutRows() throws IOException {
    Path file = csv("a,b\n\n");

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("has a header row (2 columns) but no data rows");
  }

  @Test
  void shouldRejectAnUnterminatedQuoteNamingTheLineItStartsOn() throws IOException {
    DataFormatException e = formatError(csv("a,b\n1,2\n\"open,3\n4,5\n"));

    assertThat(e.line()).hasValue(3);
    assertThat(e.getMessage()).contains("line 3").contains("no closing quote");
  }

  @Test
  void shouldRejectTextAfterAClosingQuote() throws IOException {
    DataFormatException e = formatError(csv("a,b\n\"x\"y,2\n"));

    assertThat(e.getMessage()).contains("value 'y' follows the closing quote");
  }

  @Test
  void shouldRejectInvalidUtf8() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.write(file, new byte[] {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'});

    DataFormatException e = formatError(file);

    assertThat(e.getMessage()).contains("not valid UTF-8");
  }

  @Test
  void shouldFailAtOpenBeforeAnyRecordIsConsumed() throws IOException {
    StringBuilder sb = new StringBuilder("x\n");
    for (int i = 0; i < 1000; i++) {
      sb.append(i).append('\n');
    }
    sb.append("bad\n");
    Path file = csv(sb.toString());

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("data row 1001 (line 1002)");
  }

  @Test
  void shouldBeSinglePass() throws IOException {
    try (Dataset dataset = Datasets.open(csv("a\n1\n"))) {
      dataset.iterator();
      assertThatThrownBy(dataset::iterator)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("single-pass");
    }
  }

  @Test
  void shouldTreatLargeIntegersAndDecimalsTogetherAsDouble() throws IOException {
    Path file = csv("a,b\n1,1\n2,99999999999999999999\n");

    try (Dataset dataset = Datasets.open(file)) {
      assertThat(dataset.schema().getField("a").schema().getType()).isEqualTo(Schema.Type.LONG);
      assertThat(dataset.schema().getField("b").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
    }
  }
}
