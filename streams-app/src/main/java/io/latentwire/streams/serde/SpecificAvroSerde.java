package io.latentwire.streams.serde;

import io.latentwire.streams.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serde of a generated Avro class in the Confluent wire format; reading resolves each writer schema
 * to the class's schema.
 *
 * <p>The registry client is owned by the caller; {@link #close()} leaves it open. Thread-safe.
 *
 * @param <T> the generated class
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  /**
   * @param client the registry; owned by the caller
   * @param type the generated class
   * @param config subject naming, auto-registration, key or value
   */
  public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type, AvroSerdeConfig config) {
    this.serializer = new SpecificAvroSerializer<>(client, type, config);
    this.deserializer = new SpecificAvroDeserializer<>(client, type, config);
  }

  /** A value serde with {@link AvroSerdeConfig#defaults()}. */
  public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
    this(client, type, AvroSerdeConfig.defaults());
  }

  /** Settings are fixed at construction; nothing here changes them. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public SpecificAvroSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public SpecificAvroDeserializer<T> deserializer() {
    return deserializer;
  }
}
