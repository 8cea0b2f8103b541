package io.latentwire.streams.serde;

import io.latentwire.streams.registry.LruCache;
import io.latentwire.streams.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format values into {@link GenericRecord}s in their writer schema, fetched
 * from the registry by the id in the header (and cached by the client).
 *
 * <p>{@link #deserializeWithId} also returns that id. Thread-safe. Does not own the registry
 * client: {@link #close()} leaves it open.
 */
public final class GenericAvroDeserializer implements Deserializer<GenericRecord> {

  /** A writer schema and the reader for it. */
  private record Reading(Schema writer, GenericDatumReader<GenericRecord> reader) {}

  private final RegistryAccess registry;
  private final GenericData model = new GenericData();
  private final LruCache<Integer, Reading> readers;

  /**
   * @param client the registry to fetch writer schemas from; owned by the caller
   * @param config only {@link AvroSerdeConfig#cacheCapacity()} matters here
   */
  public GenericAvroDeserializer(SchemaRegistryClient client, AvroSerdeConfig config) {
    this.registry = new RegistryAccess(client, config);
    this.readers = new LruCache<>(config.cacheCapacity());
  }

  /** A deserializer with {@link AvroSerdeConfig#defaults()}. */
  public GenericAvroDeserializer(SchemaRegistryClient client) {
    this(client, AvroSerdeConfig.defaults());
  }

  /** Settings are fixed at construction; nothing here changes them. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  /**
   * @return the record in its writer schema, or null for null data (a tombstone)
   * @throws SerdeException on a bad header, an unknown schema id, a writer schema that is not a
   *     record, or a corrupt payload
   */
  @Override
  public GenericRecord deserialize(String topic, byte[] data) {
    RecordWithSchemaId read = deserializeWithId(topic, data);
    return read == null ? null : read.value();
  }

  /**
   * Like {@link #deserialize}, also giving the writer schema's registry id.
   *
   * @return the id and the record, or null for null data
   */
  public RecordWithSchemaId deserializeWithId(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(topic, data);
    Reading reading = reading(topic, id);
    GenericRecord record = AvroCoding.decode(topic, id, reading.writer(), data, reading.reader());
    return new RecordWithSchemaId(id, record);
  }

  private Reading reading(String topic, int id) {
    Reading reading = readers.get(id);
    if (reading == null) {
      Schema writer = registry.writerSchema(topic, id);
      if (writer.getType() != Schema.Type.RECORD) {
        throw new SerdeException(
            SerdeException.Reason.INCOMPATIBLE_SCHEMA,
            topic,
            "Writer schema id "
                + id
                + SerdeException.onTopic(topic)
                + " is a "
                + writer.getType()
                + ", not a record: this deserializer reads records only");
      }
      reading = new Reading(writer, new GenericDatumReader<>(writer, writer, model));
      readers.put(id, reading);
    }
    return reading;
  }
}
