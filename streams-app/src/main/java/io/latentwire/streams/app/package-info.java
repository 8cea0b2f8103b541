/**
 * Lifecycle of a running encode or decode app: model sessions, KafkaStreams, its metrics and health
 * endpoint ({@link io.latentwire.streams.app.Observability}), shutdown.
 */
package io.latentwire.streams.app;
