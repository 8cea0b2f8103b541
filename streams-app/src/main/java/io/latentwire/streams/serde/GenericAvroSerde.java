package io.latentwire.streams.serde;

import io.latentwire.streams.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serde of {@link GenericRecord}s in the Confluent wire format, read in their writer schema.
 *
 * <p>The registry client is owned by the caller and shared by both halves; {@link #close()} leaves
 * it open. Thread-safe.
 */
public final class GenericAvroSerde implements Serde<GenericRecord> {

  private final GenericAvroSerializer serializer;
  private final GenericAvroDeserializer deserializer;

  /**
   * @param client the registry; owned by the caller
   * @param config subject naming, auto-registration, key or value
   */
  public GenericAvroSerde(SchemaRegistryClient client, AvroSerdeConfig config) {
    this.serializer = new GenericAvroSerializer(client, config);
    this.deserializer = new GenericAvroDeserializer(client, config);
  }

  /** A value serde with {@link AvroSerdeConfig#defaults()}. */
  public GenericAvroSerde(SchemaRegistryClient client) {
    this(client, AvroSerdeConfig.defaults());
  }

  /** Settings are fixed at construction; nothing here changes them. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public GenericAvroSerializer serializer() {
    return serializer;
  }

  @Override
  public GenericAvroDeserializer deserializer() {
    return deserializer;
  }
}
