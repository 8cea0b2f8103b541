/**
 * Client side of the Confluent Schema Registry REST protocol, written here because Confluent's Java
 * artifacts are not on Maven Central.
 *
 * <p>{@link io.latentwire.streams.registry.SchemaRegistryClient} is the contract used by the
 * serdes; {@link io.latentwire.streams.registry.HttpSchemaRegistryClient} speaks the real REST API
 * (with caching and fail-over between URLs) and {@link
 * io.latentwire.streams.registry.InMemorySchemaRegistryClient} implements the same semantics in
 * memory, for topology tests and as the store behind the embedded registry server of the ops
 * module. Every failure is a {@link io.latentwire.streams.registry.SchemaRegistryException}
 * carrying the HTTP status and the Confluent {@code error_code}.
 *
 * <p>Only Avro schemas are supported; schema references are not.
 */
package io.latentwire.streams.registry;
