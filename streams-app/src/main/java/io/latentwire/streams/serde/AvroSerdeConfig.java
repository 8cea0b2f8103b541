package io.latentwire.streams.serde;

import java.util.Objects;

/**
 * Settings of the Avro serdes.
 *
 * @param autoRegisterSchemas when true the serializer registers a record's schema under its subject
 *     (and so is refused by the registry if incompatible); when false the schema must already be
 *     registered there
 * @param subjectNameStrategy how the subject is named from topic and schema
 * @param forKeys true for a serde of record keys (subject {@code <topic>-key}), false for values
 * @param cacheCapacity per-schema readers and writers kept by each serde, 1 or more
 */
public record AvroSerdeConfig(
    boolean autoRegisterSchemas,
    SubjectNameStrategy subjectNameStrategy,
    boolean forKeys,
    int cacheCapacity) {

  /** Validates the settings. */
  public AvroSerdeConfig {
    Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException("cacheCapacity: must be 1 or more, got " + cacheCapacity);
    }
  }

  /** Values, auto-registration on, {@link SubjectNameStrategy#TOPIC_NAME}, 1000 cached schemas. */
  public static AvroSerdeConfig defaults() {
    return new AvroSerdeConfig(true, SubjectNameStrategy.TOPIC_NAME, false, 1000);
  }

  /** A copy with auto-registration switched on or off. */
  public AvroSerdeConfig withAutoRegisterSchemas(boolean enabled) {
    return new AvroSerdeConfig(enabled, subjectNameStrategy, forKeys, cacheCapacity);
  }

  /** A copy with another subject name strategy. */
  public AvroSerdeConfig withSubjectNameStrategy(SubjectNameStrategy strategy) {
    return new AvroSerdeConfig(autoRegisterSchemas, strategy, forKeys, cacheCapacity);
  }

  /** A copy for record keys (true) or values (false). */
  public AvroSerdeConfig withForKeys(boolean keys) {
    return new AvroSerdeConfig(autoRegisterSchemas, subjectNameStrategy, keys, cacheCapacity);
  }

  /** A copy with another cache capacity. */
  public AvroSerdeConfig withCacheCapacity(int capacity) {
    return new AvroSerdeConfig(autoRegisterSchemas, subjectNameStrategy, forKeys, capacity);
  }
}
