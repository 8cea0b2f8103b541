/**
 * Small administrative helpers over the Kafka {@code Admin} client: creating topics and waiting
 * until they are usable, and measuring how many bytes a topic occupies on the brokers.
 *
 * <p>Works against any cluster, the embedded broker of {@code io.latentwire.ops.embedded} as well
 * as a real one.
 */
package io.latentwire.ops.kafka;
