package io.latentwire.streams.serde;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * How a serializer names the registry subject of a schema; the three strategies of Confluent's
 * serializers, with their class names accepted by {@link #parse(String)}.
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-value} or {@code <topic>-key}: one schema lineage per topic (the default). */
  TOPIC_NAME("TopicNameStrategy"),
  /** The record's full name: one lineage per record type, shared across topics. */
  RECORD_NAME("RecordNameStrategy"),
  /** {@code <topic>-<record full name>}: one lineage per record type per topic. */
  TOPIC_RECORD_NAME("TopicRecordNameStrategy");

  private final String confluentName;

  SubjectNameStrategy(String confluentName) {
    this.confluentName = confluentName;
  }

  /**
   * The subject for a schema written to a topic.
   *
   * @param topic the topic, never null
   * @param isKey true for record keys, false for values
   * @param schema the writer schema; named (record, enum, fixed) for the record-name strategies
   */
  public String subject(String topic, boolean isKey, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
      case RECORD_NAME -> fullName(schema);
      case TOPIC_RECORD_NAME -> topic + "-" + fullName(schema);
    };
  }

  private String fullName(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      default ->
          throw new IllegalArgumentException(
              confluentName + " needs a named schema (record, enum or fixed), got " + schema);
    };
  }

  /**
   * Parses a strategy from its enum name or Confluent's class name (simple or qualified), e.g.
   * {@code TopicNameStrategy} or {@code io.confluent.kafka.serializers.subject.TopicNameStrategy}.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static SubjectNameStrategy parse(String name) {
    if (name != null) {
      String simple = name.trim().substring(name.trim().lastIndexOf('.') + 1);
      for (SubjectNameStrategy strategy : values()) {
        if (strategy.name().equalsIgnoreCase(simple)
            || strategy.confluentName.equalsIgnoreCase(simple)) {
          return strategy;
        }
      }
    }
    throw new IllegalArgumentException(
        "Invalid subject name strategy '"
            + name
            + "'. Allowed values: "
            + Arrays.stream(values())
                .map(s -> s.name() + " (" + s.confluentName + ")")
                .collect(Collectors.joining(", ")));
  }
}
