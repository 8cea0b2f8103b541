package io.latentwire.codec.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One record field that feeds the model: its path, Avro shape, and how many features it yields (1
 * for a scalar, the fixed length for bytes, fixed and arrays).
 *
 * <p>{@code name} is a dotted path: {@code pixels} for a top-level field, {@code position.lat} for
 * a field of a nested record. Avro names cannot contain dots, so manifests written before paths
 * existed (top-level names only) read as paths of length one, unchanged.
 */
public record MappedField(
    @JsonProperty("name") String name,
    @JsonProperty("type") FieldType type,
    @JsonProperty("width") int width) {

  @JsonCreator
  public MappedField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    FieldPaths.split(name);
    if (width < 1) {
      throw new IllegalArgumentException("field '" + name + "': width must be >= 1, got " + width);
    }
    if (type.isScalar() && width != 1) {
      throw new IllegalArgumentException(
          "field '" + name + "': a scalar " + type + " has width 1, got " + width);
    }
  }
}
