package io.latentwire.streams.serde;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record could not be serialized or deserialized. The root exception of this package.
 *
 * <p>Extends Kafka's {@link SerializationException}, so Kafka clients and Kafka Streams'
 * deserialization handlers treat it as the poison-record case it is. The {@link #reason()} is
 * stable and short, fit for a dead-letter header; the message says what happened, on which topic,
 * and what was expected.
 */
public class SerdeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** Why a record could not be (de)serialized. */
  public enum Reason {
    /** Fewer bytes than the 5-byte wire-format header. */
    TRUNCATED,
    /** The first byte is not the wire format's magic byte 0. */
    UNKNOWN_MAGIC_BYTE,
    /** The registry does not know the schema id in the header. */
    UNKNOWN_SCHEMA_ID,
    /** The Avro bytes do not decode under the writer schema. */
    CORRUPT_PAYLOAD,
    /** The writer schema cannot be read as the expected type, or the registry refused a schema. */
    INCOMPATIBLE_SCHEMA,
    /** Auto-registration is off and the schema is not registered under the subject. */
    SCHEMA_NOT_REGISTERED,
    /** The registry could not be reached or answered with an unexpected error. */
    REGISTRY_ERROR,
    /** The record does not match its own schema (e.g. null in a non-null field). */
    ENCODING_FAILED
  }

  private final Reason reason;
  private final String topic;

  /**
   * @param reason why it failed, never null
   * @param topic the topic of the record, or null when unknown
   * @param message what happened and what was expected
   * @param cause underlying exception, may be null
   */
  public SerdeException(Reason reason, String topic, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.topic = topic;
  }

  /** Same as the four-argument constructor, without a cause. */
  public SerdeException(Reason reason, String topic, String message) {
    this(reason, topic, message, null);
  }

  /** Why it failed; never null. */
  public Reason reason() {
    return reason;
  }

  /** The record's topic, or null when unknown. */
  public String topic() {
    return topic;
  }

  /** {@code on topic 'x'} for messages, or an empty string without a topic. */
  static String onTopic(String topic) {
    return topic == null ? "" : " on topic '" + topic + "'";
  }
}
