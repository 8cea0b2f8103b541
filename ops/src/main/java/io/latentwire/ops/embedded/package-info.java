/**
 * In-process stand-ins for the services of a local Kafka stack, bound to 127.0.0.1 only, for the
 * demo and the integration tests.
 *
 * <p>{@link io.latentwire.ops.embedded.EmbeddedSchemaRegistry} speaks the subset of Confluent
 * Schema Registry's REST API that serializers and the npm registry clients use, with the real JSON
 * shapes and error codes, backed by an in-memory store.
 */
package io.latentwire.ops.embedded;
