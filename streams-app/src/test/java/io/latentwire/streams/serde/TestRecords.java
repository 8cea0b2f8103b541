package io.latentwire.streams.serde;

import io.latentwire.schemas.examples.ImageRecord;
import io.latentwire.schemas.examples.TelemetryRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Small example records for serde tests. */
final class TestRecords {

  private TestRecords() {}

  static ImageRecord image(long id) {
    byte[] pixels = new byte[784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7 + id);
    }
    return ImageRecord.newBuilder()
        .setId(id)
        .setLabel(3)
        .setPixels(ByteBuffer.wrap(pixels))
        .build();
  }

  static TelemetryRecord telemetry() {
    return TelemetryRecord.newBuilder()
        .setDeviceId("pump-7")
        .setTimestamp(Instant.ofEpochMilli(1_700_000_000_123L))
        .setInletTemperature(21.5f)
        .setOutletTemperature(38.25f)
        .setAmbientTemperature(19f)
        .setHumidity(55.5f)
        .setPressure(6.1f)
        .setFlowRate(120.75f)
        .setVibration(2.2f)
        .setMotorCurrent(14.3f)
        .setSupplyVoltage(400f)
        .setPower(9.6f)
        .setRpm(2950f)
        .setOilTemperature(61.4f)
        .build();
  }

  /** An ImageRecord as a GenericRecord of the generated class's schema. */
  static GenericRecord genericImage(long id, Integer label, byte[] pixels) {
    GenericRecord record = new GenericData.Record(ImageRecord.getClassSchema());
    record.put("id", id);
    record.put("label", label);
    record.put("pixels", ByteBuffer.wrap(pixels));
    return record;
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }
}
