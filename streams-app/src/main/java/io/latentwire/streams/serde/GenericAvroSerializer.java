package io.latentwire.streams.serde;

import io.latentwire.streams.registry.LruCache;
import io.latentwire.streams.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@link GenericRecord}s in the Confluent wire format, under the id of each record's own
 * schema ({@link #serialize}) or under a given id ({@link #serializeWithSchemaId}).
 *
 * <p>Thread-safe. Does not own the registry client: {@link #close()} leaves it open.
 */
public final class GenericAvroSerializer implements Serializer<GenericRecord> {

  private final RegistryAccess registry;
  private final GenericData model = io.latentwire.codec.mapping.AvroData.withLogicalTypes();
  private final LruCache<Schema, GenericDatumWriter<GenericRecord>> writers;
  // The schema instance last proven to match each id: the proof costs two fingerprints, so it is
  // done once per (id, instance), not once per record.
  private final LruCache<Integer, Schema> verifiedLayouts;

  /**
   * @param client the registry to register or look up schemas in; owned by the caller
   * @param config subject naming, auto-registration, key or value
   */
  public GenericAvroSerializer(SchemaRegistryClient client, AvroSerdeConfig config) {
    this.registry = new RegistryAccess(client, config);
    this.writers = new LruCache<>(config.cacheCapacity());
    this.verifiedLayouts = new LruCache<>(config.cacheCapacity());
  }

  /** Settings are fixed at construction; nothing here changes them. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  /**
   * Registers (or looks up) the record's schema under its subject and writes the record.
   *
   * @return the framed bytes, or null for a null record (a tombstone)
   * @throws SerdeException when the registry refuses or fails, or the record does not fit its
   *     schema
   */
  @Override
  public byte[] serialize(String topic, GenericRecord record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    int id = registry.schemaIdFor(topic, schema);
    return AvroCoding.encode(topic, id, schema, writer(schema), record);
  }

  /**
   * Writes the record under a given schema id, without registering anything: the decode path uses
   * this to re-emit a record under the exact id its source was written with.
   *
   * <p>The record's schema must have the same binary layout (same Parsing Canonical Form) as the
   * registry's schema {@code schemaId}; docs, defaults and properties may differ. The check runs
   * once per id and schema instance, not per record.
   *
   * @param topic the destination topic, for error messages; may be null
   * @param schemaId the registry id to put in the header
   * @param record the record; null gives null
   * @throws SerdeException when the id is unknown, the layouts differ, or encoding fails
   */
  public byte[] serializeWithSchemaId(String topic, int schemaId, GenericRecord record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    if (verifiedLayouts.get(schemaId) != schema) {
      verifyLayout(topic, schemaId, schema);
      verifiedLayouts.put(schemaId, schema);
    }
    return AvroCoding.encode(topic, schemaId, schema, writer(schema), record);
  }

  private void verifyLayout(String topic, int schemaId, Schema schema) {
    Schema registered = registry.writerSchema(topic, schemaId);
    if (registered != schema
        && SchemaNormalization.parsingFingerprint64(registered)
            != SchemaNormalization.parsingFingerprint64(schema)) {
      throw new SerdeException(
          SerdeException.Reason.INCOMPATIBLE_SCHEMA,
          topic,
          "Cannot write a "
              + schema.getFullName()
              + " record under schema id "
              + schemaId
              + SerdeException.onTopic(topic)
              + ": the record's schema and the registry's schema "
              + schemaId
              + " ("
              + registered.getFullName()
              + ") differ in binary layout");
    }
  }

  private GenericDatumWriter<GenericRecord> writer(Schema schema) {
    GenericDatumWriter<GenericRecord> writer = writers.get(schema);
    if (writer == null) {
      writer = new GenericDatumWriter<>(Objects.requireNonNull(schema), model);
      writers.put(schema, writer);
    }
    return writer;
  }
}
