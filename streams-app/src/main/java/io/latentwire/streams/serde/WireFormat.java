package io.latentwire.streams.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte {@code 0}, the writer schema's registry id as a 4-byte
 * big-endian integer, then the Avro binary encoding of the value under that schema.
 */
public final class WireFormat {

  /** The first byte of every framed value. */
  public static final byte MAGIC_BYTE = 0;

  /** Length of magic byte plus schema id; the Avro payload starts at this offset. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /**
   * Reads the schema id of a framed value, checking the header.
   *
   * @param topic the record's topic, for the error message; may be null
   * @param data the framed value, never null
   * @return the schema id in the header
   * @throws SerdeException {@link SerdeException.Reason#TRUNCATED} when shorter than the header,
   *     {@link SerdeException.Reason#UNKNOWN_MAGIC_BYTE} when the first byte is not 0
   */
  public static int schemaId(String topic, byte[] data) {
    if (data.length < HEADER_LENGTH) {
      throw new SerdeException(
          SerdeException.Reason.TRUNCATED,
          topic,
          "Record value of "
              + data.length
              + " byte"
              + (data.length == 1 ? "" : "s")
              + SerdeException.onTopic(topic)
              + " is too short for the Confluent wire format: it needs at least "
              + HEADER_LENGTH
              + " bytes (magic byte 0 and a 4-byte schema id) before the Avro payload");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerdeException(
          SerdeException.Reason.UNKNOWN_MAGIC_BYTE,
          topic,
          String.format(
              "Record value of %d bytes%s starts with byte 0x%02x, but the Confluent wire format"
                  + " starts with magic byte 0x00; was it written by a Schema Registry"
                  + " serializer?",
              data.length, SerdeException.onTopic(topic), data[0] & 0xff));
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }

  /** Writes the header for {@code schemaId}; the Avro payload follows. */
  public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /** Frames an already encoded Avro payload: header then payload, in a new array. */
  public static byte[] frame(int schemaId, byte[] avroPayload) {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + avroPayload.length);
    buffer.put(MAGIC_BYTE).putInt(schemaId).put(avroPayload);
    return buffer.array();
  }

  /** The Avro payload of a framed value, as a copy; the header is checked first. */
  public static byte[] payload(String topic, byte[] data) {
    schemaId(topic, data);
    byte[] payload = new byte[data.length - HEADER_LENGTH];
    System.arraycopy(data, HEADER_LENGTH, payload, 0, payload.length);
    return payload;
  }
}
