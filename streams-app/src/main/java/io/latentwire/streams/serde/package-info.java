/**
 * Kafka serdes for Avro records in the Confluent wire format, backed by a {@link
 * io.latentwire.streams.registry.SchemaRegistryClient} passed in by the caller.
 *
 * <p>Wire format ({@link io.latentwire.streams.serde.WireFormat}): magic byte {@code 0}, the writer
 * schema's registry id as a 4-byte big-endian integer, then the Avro binary encoding. {@link
 * io.latentwire.streams.serde.GenericAvroSerde} reads records in their writer schema and can report
 * and reuse that schema's id, which the decode path needs to re-emit records under their original
 * id; {@link io.latentwire.streams.serde.SpecificAvroSerde} resolves writer schemas to a generated
 * class. Every failure is a {@link io.latentwire.streams.serde.SerdeException} naming the topic and
 * a {@link io.latentwire.streams.serde.SerdeException.Reason}.
 *
 * <p>Serdes hold no static state; they are configured at construction, and their {@code configure}
 * methods change nothing.
 */
package io.latentwire.streams.serde;
