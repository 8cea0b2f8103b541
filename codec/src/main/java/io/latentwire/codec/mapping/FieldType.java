package io.latentwire.codec.mapping;

import org.apache.avro.Schema;

/** The Avro shapes a mapped field may have. */
public enum FieldType {
  INT(FeatureKind.INTEGER),
  LONG(FeatureKind.INTEGER),
  FLOAT(FeatureKind.REAL),
  DOUBLE(FeatureKind.REAL),
  BYTES(FeatureKind.UINT8),
  FIXED(FeatureKind.UINT8),
  ARRAY_INT(FeatureKind.INTEGER),
  ARRAY_LONG(FeatureKind.INTEGER),
  ARRAY_FLOAT(FeatureKind.REAL),
  ARRAY_DOUBLE(FeatureKind.REAL);

  private final FeatureKind featureKind;

  FieldType(FeatureKind featureKind) {
    this.featureKind = featureKind;
  }

  public FeatureKind featureKind() {
    return featureKind;
  }

  public boolean isScalar() {
    return this == INT || this == LONG || this == FLOAT || this == DOUBLE;
  }

  /**
   * The field type of an Avro schema, or {@code null} when it cannot be mapped (strings, records,
   * maps, nullable unions, logical types such as timestamps, which pass through unchanged).
   */
  public static FieldType of(Schema schema) {
    if (schema.getLogicalType() != null) {
      return null;
    }
    return switch (schema.getType()) {
      case INT -> INT;
      case LONG -> LONG;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      case BYTES -> BYTES;
      case FIXED -> FIXED;
      case ARRAY -> {
        FieldType element = of(schema.getElementType());
        if (element == null || !element.isScalar()) {
          yield null;
        }
        yield switch (element) {
          case INT -> ARRAY_INT;
          case LONG -> ARRAY_LONG;
          case FLOAT -> ARRAY_FLOAT;
          default -> ARRAY_DOUBLE;
        };
      }
      default -> null;
    };
  }
}
