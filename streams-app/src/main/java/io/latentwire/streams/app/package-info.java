/** Lifecycle of a running encode or decode app: model sessions, KafkaStreams, shutdown. */
package io.latentwire.streams.app;
