package io.latentwire.streams.serde;

import io.latentwire.streams.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro classes in the Confluent wire format, under the id of the class's schema.
 *
 * <p>Thread-safe. Does not own the registry client: {@link #close()} leaves it open.
 *
 * @param <T> the generated class
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final RegistryAccess registry;
  private final Class<T> type;
  private final Schema schema;
  private final SpecificDatumWriter<T> writer;

  /**
   * @param client the registry; owned by the caller
   * @param type the generated class whose schema is written
   * @param config subject naming, auto-registration, key or value
   */
  public SpecificAvroSerializer(
      SchemaRegistryClient client, Class<T> type, AvroSerdeConfig config) {
    this.registry = new RegistryAccess(client, config);
    this.type = Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    // The class's own model carries its logical-type conversions (e.g. timestamp-millis).
    this.writer = new SpecificDatumWriter<>(schema, model);
  }

  /** Settings are fixed at construction; nothing here changes them. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  /**
   * @return the framed bytes, or null for a null record
   * @throws SerdeException when the registry refuses or fails, or the record does not fit its
   *     schema
   */
  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (!type.isInstance(record)) {
      throw new SerdeException(
          SerdeException.Reason.ENCODING_FAILED,
          topic,
          "Expected a "
              + type.getName()
              + SerdeException.onTopic(topic)
              + ", got "
              + record.getClass().getName());
    }
    int id = registry.schemaIdFor(topic, schema);
    return AvroCoding.encode(topic, id, schema, writer, record);
  }
}
