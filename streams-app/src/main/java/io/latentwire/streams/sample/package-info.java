/**
 * Training data from a live Kafka topic: {@link io.latentwire.streams.sample.KafkaTopicDataset}
 * reads Confluent wire-format Avro records (newest N across partitions, or a time range), resolves
 * the writer schema from the registry and streams the records as a {@link
 * io.latentwire.codec.dataset.Dataset}. Registered as the codec's {@link
 * io.latentwire.codec.dataset.TopicDatasetProvider} service, which is how {@code latentwire train
 * --from-topic} reaches it without the trainer depending on Kafka.
 */
package io.latentwire.streams.sample;
