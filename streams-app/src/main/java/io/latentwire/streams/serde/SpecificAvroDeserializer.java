package io.latentwire.streams.serde;

import io.latentwire.streams.registry.LruCache;
import io.latentwire.streams.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format values into a generated Avro class, resolving each writer schema to
 * the class's schema with Avro's schema resolution (added fields take their defaults, removed
 * fields are skipped).
 *
 * <p>Each writer schema id is checked once against the class's schema; an incompatible writer gives
 * a {@link SerdeException.Reason#INCOMPATIBLE_SCHEMA} error naming the differences. Thread-safe.
 * Does not own the registry client.
 *
 * @param <T> the generated class
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  /** A writer schema and either its reader or why it cannot be read as {@code T}. */
  private record Reading<T>(Schema writer, SpecificDatumReader<T> reader, String incompatibility) {}

  private final RegistryAccess registry;
  private final SpecificData model;
  private final Schema readerSchema;
  private final LruCache<Integer, Reading<T>> readers;

  /**
   * @param client the registry to fetch writer schemas from; owned by the caller
   * @param type the generated class to read into
   * @param config only {@link AvroSerdeConfig#cacheCapacity()} matters here
   */
  public SpecificAvroDeserializer(
      SchemaRegistryClient client, Class<T> type, AvroSerdeConfig config) {
    this.registry = new RegistryAccess(client, config);
    Objects.requireNonNull(type, "type");
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.readers = new LruCache<>(config.cacheCapacity());
  }

  /** Settings are fixed at construction; nothing here changes them. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  /**
   * @return the record, or null for null data
   * @throws SerdeException on a bad header, an unknown schema id, a writer schema that cannot be
   *     read as {@code T}, or a corrupt payload
   */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(topic, data);
    Reading<T> reading = reading(topic, id);
    if (reading.incompatibility() != null) {
      throw new SerdeException(
          SerdeException.Reason.INCOMPATIBLE_SCHEMA,
          topic,
          "Writer schema id "
              + id
              + " ("
              + reading.writer().getFullName()
              + ")"
              + SerdeException.onTopic(topic)
              + " cannot be read as "
              + readerSchema.getFullName()
              + ": "
              + reading.incompatibility());
    }
    return AvroCoding.decode(topic, id, reading.writer(), data, reading.reader());
  }

  private Reading<T> reading(String topic, int id) {
    Reading<T> reading = readers.get(id);
    if (reading == null) {
      Schema writer = registry.writerSchema(topic, id);
      SchemaPairCompatibility check =
          SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
      if (check.getType() == SchemaCompatibilityType.COMPATIBLE) {
        reading =
            new Reading<>(writer, new SpecificDatumReader<>(writer, readerSchema, model), null);
      } else {
        String why =
            check.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .collect(Collectors.joining("; "));
        reading = new Reading<>(writer, null, why);
      }
      readers.put(id, reading);
    }
    return reading;
  }
}
