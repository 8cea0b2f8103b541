package io.latentwire.streams.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject: what {@code GET /subjects/{subject}/versions/{version}} returns.
 *
 * @param subject the subject name, never null
 * @param version the version under the subject, 1 or more
 * @param id the registry-wide schema id
 * @param schema the parsed Avro schema, never null
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

  /** Validates the fields. */
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
