/**
 * Interop tests: the pipeline's topics and registry checked against clients nobody here wrote —
 * kcat (librdkafka) and the Node.js clients kafkajs, {@code @confluentinc/schemaregistry} and
 * {@code @kafkajs/confluent-schema-registry} — by shelling out to them, plus the helpers that run
 * them and read topics with Kafka's Java consumer for comparison.
 */
package io.latentwire.ops.interop;
