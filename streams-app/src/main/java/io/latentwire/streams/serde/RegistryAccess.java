package io.latentwire.streams.serde;

import io.latentwire.streams.registry.SchemaRegistryClient;
import io.latentwire.streams.registry.SchemaRegistryException;
import java.util.Objects;
import org.apache.avro.Schema;

/** The registry calls of the serdes, with registry failures turned into {@link SerdeException}. */
final class RegistryAccess {

  private final SchemaRegistryClient client;
  private final AvroSerdeConfig config;

  RegistryAccess(SchemaRegistryClient client, AvroSerdeConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
  }

  SchemaRegistryClient client() {
    return client;
  }

  /** The id to write {@code schema} under on {@code topic}: registered, or looked up. */
  int schemaIdFor(String topic, Schema schema) {
    String subject;
    try {
      subject = config.subjectNameStrategy().subject(topic, config.forKeys(), schema);
    } catch (IllegalArgumentException e) {
      throw new SerdeException(
          SerdeException.Reason.ENCODING_FAILED, topic, e.getMessage() + onTopic(topic), e);
    }
    try {
      return config.autoRegisterSchemas()
          ? client.register(subject, schema)
          : client.lookupId(subject, schema);
    } catch (SchemaRegistryException e) {
      if (e.isIncompatible()) {
        throw new SerdeException(
            SerdeException.Reason.INCOMPATIBLE_SCHEMA,
            topic,
            "The registry refused schema "
                + schema.getFullName()
                + " under subject '"
                + subject
                + "' as incompatible"
                + onTopic(topic)
                + ": "
                + e.serverMessage(),
            e);
      }
      if (!config.autoRegisterSchemas() && (e.isSubjectNotFound() || e.isSchemaNotFound())) {
        throw new SerdeException(
            SerdeException.Reason.SCHEMA_NOT_REGISTERED,
            topic,
            "Schema "
                + schema.getFullName()
                + " is not registered under subject '"
                + subject
                + "'"
                + onTopic(topic)
                + ", and auto-registration is off: register it first",
            e);
      }
      throw new SerdeException(
          SerdeException.Reason.REGISTRY_ERROR,
          topic,
          "Cannot get a schema id for "
              + schema.getFullName()
              + " under subject '"
              + subject
              + "'"
              + onTopic(topic)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The writer schema of id {@code schemaId}, for a record of {@code topic}. */
  Schema writerSchema(String topic, int schemaId) {
    try {
      return client.getById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.isSchemaNotFound()) {
        throw new SerdeException(
            SerdeException.Reason.UNKNOWN_SCHEMA_ID,
            topic,
            "Schema id "
                + schemaId
                + onTopic(topic)
                + " is unknown to the Schema Registry ("
                + e.url()
                + "); was the data written against another registry?",
            e);
      }
      throw new SerdeException(
          SerdeException.Reason.REGISTRY_ERROR,
          topic,
          "Cannot fetch writer schema id " + schemaId + onTopic(topic) + ": " + e.getMessage(),
          e);
    }
  }

  private static String onTopic(String topic) {
    return SerdeException.onTopic(topic);
  }
}
