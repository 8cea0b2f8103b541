package io.latentwire.codec.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One record field that feeds the model: its name, Avro shape, and how many features it yields (1
 * for a scalar, the fixed length for bytes, fixed and arrays).
 */
public record MappedField(
    @JsonProperty("name") String name,
    @JsonProperty("type") FieldType type,
    @JsonProperty("width") int width) {

  @JsonCreator
  public MappedField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (width < 1) {
      throw new IllegalArgumentException("field '" + name + "': width must be >= 1, got " + width);
    }
    if (type.isScalar() && width != 1) {
      throw new IllegalArgumentException(
          "field '" + name + "': a scalar " + type + " has width 1, got " + width);
    }
  }
}
