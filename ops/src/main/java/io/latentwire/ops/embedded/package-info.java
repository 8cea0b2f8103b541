/**
 * An Apache Kafka KRaft broker that runs inside the current JVM, for the demo, integration tests
 * and the local stack without Docker.
 *
 * <p>{@link io.latentwire.ops.embedded.EmbeddedKafkaBroker} formats a fresh storage directory with
 * Kafka's own {@code StorageTool} and starts Kafka's own {@code KafkaRaftServer}: the same code a
 * real broker runs, not a mock. Every listener binds 127.0.0.1 only. Several brokers may run in one
 * JVM at once (for example one per site in two-site tests): nothing here is static.
 */
package io.latentwire.ops.embedded;
