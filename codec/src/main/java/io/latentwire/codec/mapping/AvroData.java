package io.latentwire.codec.mapping;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The Avro data model used to write records: generic, plus the standard logical-type conversions,
 * so that a generated (specific) record holding an {@code Instant} or a {@code BigDecimal} writes
 * as well as a generic record holding the underlying {@code long} or {@code bytes}.
 */
public final class AvroData {
  private AvroData() {}

  /** A new generic data model with the standard conversions registered. */
  public static GenericData withLogicalTypes() {
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    data.addLogicalTypeConversion(new Conversions.DecimalConversion());
    data.addLogicalTypeConversion(new Conversions.UUIDConversion());
    return data;
  }
}
