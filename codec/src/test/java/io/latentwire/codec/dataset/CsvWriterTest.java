package io.latentwire.codec.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {

  @TempDir Path dir;

  private Path roundTrip(Path in) {
    Path out = dir.resolve("out-" + in.getFileName());
    try (Dataset dataset = Datasets.open(in);
        CsvWriter writer = CsvWriter.create(out, dataset.schema())) {
      dataset.forEach(writer::write);
    }
    return out;
  }

  @Test
  void shouldRoundTripACanonicalCsvToAnIdenticalFile() throws IOException {
    String canonical =
        "id,temp (°C),note,\"a,b\",ratio\n"
            + "1,20.5,plain,x,0.1\n"
            + "-2,-0.001,\"with, comma\",\"y\"\"q\",1.0E-9\n"
            + "3,1234567.0,\"multi\nline\",,3.0\n"
            + "9223372036854775807,100.25,\"\"\"quoted\"\"\",z,-0.0\n";
    Path in = dir.resolve("in.csv");
    Files.writeString(in, canonical, StandardCharsets.UTF_8);

    Path out = roundTrip(in);

    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(canonical);
  }

  @Test
  void shouldKeepADoubleColumnOfWholeNumbersADoubleColumn() throws IOException {
    Path in = dir.resolve("whole.csv");
    Files.writeString(in, "x\n1.0\n2.0\n");

    Path out = roundTrip(in);

    try (Dataset dataset = Datasets.open(out)) {
      assertThat(dataset.schema().getField("x").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
    }
  }

  @Test
  void shouldKeepAnEmptyStringInASingleColumnFile() throws IOException {
    Path in = dir.resolve("single.csv");
    Files.writeString(in, "name\nx\n\"\"\ny\n");

    Path out = roundTrip(in);

    assertThat(Files.readString(out)).isEqualTo("name\nx\n\"\"\ny\n");
  }

  @Test
  void shouldWriteShortestRoundTripNumbersWithoutSurprisingExponents() {
    assertThat(NumberText.formatDouble(0.1)).isEqualTo("0.1");
    assertThat(NumberText.formatDouble(12345678.9)).isEqualTo("12345678.9");
    assertThat(NumberText.formatDouble(100)).isEqualTo("100.0");
    assertThat(NumberText.formatDouble(1e-9)).isEqualTo("1.0E-9");
    assertThat(NumberText.formatDouble(2.5e20)).isEqualTo("2.5E20");
    // JDK 17's Double.toString prints 2.0E-3 fine but 8.41E21 as 8.409999999999999E21.
    assertThat(NumberText.formatDouble(8.41e21)).isEqualTo("8.41E21");
    assertThat(NumberText.formatFloat(21.1f)).isEqualTo("21.1");
    for (double v : new double[] {Math.PI, -1.0 / 3, 5e-324, Double.MAX_VALUE, 0.3, 1e15}) {
      assertThat(Double.parseDouble(NumberText.formatDouble(v))).isEqualTo(v);
    }
  }

  @Test
  void shouldWriteRecordsOfGeneratedClassesUsingFieldNamesAsColumns() {
    TelemetryRecord reading =
        TelemetryRecord.newBuilder()
            .setDeviceId("pump-001")
            .setTimestamp(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
            .setInletTemperature(12.5f)
            .setOutletTemperature(14.25f)
            .setAmbientTemperature(20f)
            .setHumidity(55f)
            .setPressure(5.5f)
            .setFlowRate(80f)
            .setVibration(2.1f)
            .setMotorCurrent(40f)
            .setSupplyVoltage(400f)
            .setPower(23.5f)
            .setRpm(1450f)
            .setOilTemperature(55f)
            .build();
    StringWriter out = new StringWriter();

    try (CsvWriter writer = new CsvWriter(out, TelemetryRecord.getClassSchema())) {
      writer.write(reading);
      assertThat(writer.rowsWritten()).isEqualTo(1);
    }

    assertThat(out.toString())
        .startsWith("deviceId,timestamp,inletTemperature,")
        .contains("\npump-001,1700000000000,12.5,14.25,20.0,");
  }

  @Test
  void shouldWriteNullAsAnEmptyFieldForNullableFields() {
    Schema schema =
        SchemaBuilder.record("R").fields().optionalLong("a").requiredString("b").endRecord();
    GenericRecord record = new GenericData.Record(schema);
    record.put("b", "x");
    StringWriter out = new StringWriter();

    try (CsvWriter writer = new CsvWriter(out, schema)) {
      writer.write(record);
    }

    assertThat(out.toString()).isEqualTo("a,b\n,x\n");
  }

  @Test
  void shouldRefuseFieldTypesACsvColumnCannotHold() {
    assertThatThrownBy(() -> new CsvWriter(new StringWriter(), ImageRecord.getClassSchema()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("field 'pixels'")
        .hasMessageContaining("supported: long, int, double");
  }

  @Test
  void shouldRefuseNonFiniteDoubles() {
    Schema schema = SchemaBuilder.record("R").fields().requiredDouble("x").endRecord();
    GenericRecord record = new GenericData.Record(schema);
    record.put("x", Double.NaN);

    try (CsvWriter writer = new CsvWriter(new StringWriter(), schema)) {
      assertThatThrownBy(() -> writer.write(record))
          .isInstanceOf(DatasetException.class)
          .hasMessageContaining("record 1")
          .hasMessageContaining("field 'x' is NaN");
    }
  }
}
