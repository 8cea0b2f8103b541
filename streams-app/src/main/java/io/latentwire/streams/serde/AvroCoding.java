package io.latentwire.streams.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary encoding inside the wire format, with failures turned into {@link SerdeException}.
 */
final class AvroCoding {

  private AvroCoding() {}

  /** Header for {@code schemaId}, then {@code datum} written by {@code writer}. */
  static <T> byte[] encode(
      String topic, int schemaId, Schema schema, DatumWriter<T> writer, T datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    WireFormat.writeHeader(out, schemaId);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(datum, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      // Avro reports a value that does not fit its schema as NPE, ClassCastException or
      // AvroRuntimeException; all mean the record is bad, not the serializer.
      throw new SerdeException(
          SerdeException.Reason.ENCODING_FAILED,
          topic,
          "Cannot encode a "
              + schema.getFullName()
              + " record"
              + SerdeException.onTopic(topic)
              + " with schema id "
              + schemaId
              + ": "
              + e,
          e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes the payload after the header of {@code data}, written with {@code writerSchema}.
   * Lengths are checked against the bytes present first ({@link AvroPayloadBounds}).
   */
  static <T> T decode(
      String topic, int schemaId, Schema writerSchema, byte[] data, DatumReader<T> reader) {
    int payloadLength = data.length - WireFormat.HEADER_LENGTH;
    try {
      AvroPayloadBounds.check(writerSchema, data, WireFormat.HEADER_LENGTH);
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH, payloadLength, null);
      return reader.read(null, decoder);
    } catch (AvroPayloadBounds.OutOfBounds | IOException | AvroRuntimeException e) {
      throw corrupt(topic, schemaId, writerSchema, payloadLength, e.getMessage(), e);
    } catch (RuntimeException e) {
      // Corrupt bytes surface from Avro as assorted runtime exceptions (index, cast, argument).
      throw corrupt(topic, schemaId, writerSchema, payloadLength, e.toString(), e);
    }
  }

  private static SerdeException corrupt(
      String topic, int schemaId, Schema writer, int length, String why, Exception cause) {
    return new SerdeException(
        SerdeException.Reason.CORRUPT_PAYLOAD,
        topic,
        "Cannot decode the Avro payload of "
            + length
            + " bytes"
            + SerdeException.onTopic(topic)
            + " with writer schema id "
            + schemaId
            + " ("
            + writer.getFullName()
            + "): "
            + why,
        cause);
  }
}
