/**
 * The embedded local stack, bound to 127.0.0.1 only, for the demo, benchmarks and integration
 * tests: no Docker needed.
 *
 * <p>{@link io.latentwire.ops.embedded.EmbeddedKafkaBroker} formats a fresh storage directory with
 * Kafka's own {@code StorageTool} and starts Kafka's own {@code KafkaRaftServer}: the same code a
 * real broker runs, not a mock. Several brokers may run in one JVM at once (one per site in
 * two-site tests): nothing here is static. {@link
 * io.latentwire.ops.embedded.EmbeddedSchemaRegistry} speaks the subset of Confluent Schema
 * Registry's REST API that serializers and the npm registry clients use, with the real JSON shapes
 * and error codes, backed by an in-memory store. {@link io.latentwire.ops.embedded.LocalStack}
 * starts and stops the two together.
 */
package io.latentwire.ops.embedded;
