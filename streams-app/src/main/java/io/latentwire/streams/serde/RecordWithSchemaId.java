package io.latentwire.streams.serde;

import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/**
 * A deserialized record and the registry id of the schema it was written with, so that it can be
 * written again under exactly that id ({@link GenericAvroSerializer#serializeWithSchemaId}).
 *
 * @param schemaId the writer schema's registry id, from the wire-format header
 * @param value the record, in its writer schema; never null
 */
public record RecordWithSchemaId(int schemaId, GenericRecord value) {

  /** Validates the fields. */
  public RecordWithSchemaId {
    Objects.requireNonNull(value, "value");
  }
}
