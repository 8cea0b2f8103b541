/**
 * The latentwire codec: a pure Java library (no Kafka) that turns records into small latent codes
 * and back with a trained model bundle. {@link io.latentwire.codec.LatentCodec} is the entry point
 * for feature vectors, {@link io.latentwire.codec.record.RecordCodec} for Avro records.
 */
package io.latentwire.codec;
