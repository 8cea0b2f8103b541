package io.latentwire.codec.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroDatasetTest {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Reading")
          .namespace("test")
          .fields()
          .requiredString("sensor")
          .requiredDouble("value")
          .endRecord();

  @TempDir Path dir;

  private Path writeAvro(String name, int count, CodecFactory codec) throws IOException {
    Path file = dir.resolve(name);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
      writer.setCodec(codec);
      writer.setSyncInterval(1024);
      writer.create(SCHEMA, file.toFile());
      for (int i = 0; i < count; i++) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("sensor", "s" + i);
        record.put("value", i * 0.5);
        writer.append(record);
      }
    }
    return file;
  }

  @Test
  void shouldStreamRecordsWithTheSchemaStoredInTheFile() throws IOException {
    Path file = writeAvro("readings.avro", 500, CodecFactory.zstandardCodec(3));

    try (Dataset dataset = Datasets.open(file)) {
      assertThat(dataset.format()).isEqualTo(DataFormat.AVRO);
      assertThat(dataset.schema()).isEqualTo(SCHEMA);
      List<GenericRecord> records = new ArrayList<>();
      dataset.forEach(records::add);
      assertThat(records).hasSize(500);
      assertThat(records.get(499).get("sensor").toString()).isEqualTo("s499");
      assertThat(records.get(499).get("value")).isEqualTo(249.5);
      assertThat(dataset.rowNumber()).isEqualTo(500);
    }
  }

  @Test
  void shouldRejectAFileThatIsNotAvro() throws IOException {
    Path file = Files.writeString(dir.resolve("fake.avro"), "a,b\n1,2\n");

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("fake.avro")
        .hasMessageContaining("Avro magic bytes");
  }

  @Test
  void shouldRejectATruncatedFileNamingTheRecord() throws IOException {
    Path whole = writeAvro("whole.avro", 2000, CodecFactory.nullCodec());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.avro"), Arrays.copyOf(bytes, bytes.length / 2));

    try (Dataset dataset = Datasets.open(cut)) {
      assertThatThrownBy(() -> dataset.forEach(r -> {}))
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("cut.avro, record ")
          .hasMessageContaining("byte offset")
          .hasMessageContaining("truncated or corrupt");
    }
  }

  @Test
  void shouldRejectNonRecordSchemas() throws IOException {
    Path file = dir.resolve("ints.avro");
    Schema ints = Schema.create(Schema.Type.INT);
    try (DataFileWriter<Integer> writer = new DataFileWriter<>(new GenericDatumWriter<>(ints))) {
      writer.create(ints, file.toFile());
      writer.append(1);
    }

    assertThatThrownBy(() -> Datasets.open(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("value 'int' is the type of the file's schema; records are needed");
  }
}
