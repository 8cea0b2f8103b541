/**
 * The model registry: which model bundles exist, whether they can be trusted, and the ONNX sessions
 * that run them.
 *
 * <p>Encoders name their model in every record (the 8-byte id prefix of {@link
 * io.latentwire.schemas.LatentRecord#getModelId()}); decoders look each record's model up through a
 * {@link io.latentwire.streams.models.ModelResolver}. {@link
 * io.latentwire.streams.models.ModelRegistry} is the resolver backed by the compacted topic {@code
 * latentwire.models}: it reads every {@link io.latentwire.schemas.ModelAnnouncement} from the
 * beginning, verifies it ({@link io.latentwire.streams.models.AnnouncementVerifier}: content hash,
 * optional Ed25519 signature against trusted keys) and opens sessions lazily, in a bounded cache.
 * Rolling out a model is publishing it ({@link io.latentwire.streams.models.ModelPublisher}); no
 * decoder restarts, and records made with older models still decode.
 *
 * <p>Announcements are stored with Avro single-object encoding ({@link
 * io.latentwire.streams.models.ModelAnnouncements}), not the Confluent wire format: the topic is
 * internal, and the encoding carries its schema fingerprint without needing a schema registry.
 */
package io.latentwire.streams.models;
