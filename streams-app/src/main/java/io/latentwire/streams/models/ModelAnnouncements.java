package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelBundle;
import io.latentwire.codec.model.ModelId;
import io.latentwire.schemas.ModelAnnouncement;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;

/**
 * How {@link ModelAnnouncement}s are stored on the models topic.
 *
 * <p>Key: the full model id, 64 lowercase hex digits, UTF-8, so compaction keeps one announcement
 * per model. Value: Avro <em>single-object encoding</em> ({@code C3 01}, the 8-byte fingerprint of
 * the writer schema, then Avro binary). The topic is internal to latentwire, so it needs no schema
 * registry; the fingerprint still makes a future schema change detectable: a reader refuses a value
 * written with a schema it does not know rather than misreading it. A null value (tombstone)
 * retracts the model.
 */
public final class ModelAnnouncements {
  /** The topic decoders read by default. */
  public static final String DEFAULT_TOPIC = "latentwire.models";

  /** The provenance key the trainer writes its version under. */
  public static final String TRAINER_VERSION_KEY = "trainer.version";

  private ModelAnnouncements() {}

  /**
   * A new announcement of {@code bundle}.
   *
   * @param description free text, may be empty, never null
   * @param signer signs the id, or null to publish unsigned
   */
  public static ModelAnnouncement create(
      ModelBundle bundle, Instant createdAt, String description, ModelSigner signer) {
    Objects.requireNonNull(description, "description");
    ModelId id = bundle.id();
    String trainer = bundle.manifest().provenance().getOrDefault(TRAINER_VERSION_KEY, "");
    return ModelAnnouncement.newBuilder()
        .setModelId(id.hex())
        .setCreatedAtMs(Instant.ofEpochMilli(createdAt.toEpochMilli()))
        .setTrainerVersion(trainer)
        .setDescription(description)
        .setBundle(ByteBuffer.wrap(bundle.toBytes()))
        .setSignature(signer == null ? null : ByteBuffer.wrap(signer.sign(id)))
        .setSignerKeyId(signer == null ? null : signer.keyId())
        .build();
  }

  /** The record key of a model: its full id as UTF-8. */
  public static byte[] key(ModelId id) {
    return id.hex().getBytes(StandardCharsets.UTF_8);
  }

  /** The value bytes (single-object encoding). */
  public static byte[] serialize(ModelAnnouncement announcement) {
    try {
      ByteBuffer b = ModelAnnouncement.getEncoder().encode(announcement);
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("in-memory Avro encoding failed", e);
    }
  }

  /**
   * Reads a value.
   *
   * @throws ModelRegistryException when the bytes are not a single-object encoded announcement of a
   *     known schema version
   */
  public static ModelAnnouncement deserialize(byte[] value) {
    try {
      return ModelAnnouncement.getDecoder().decode(value);
    } catch (MissingSchemaException e) {
      throw new ModelRegistryException(
          "the announcement was written with a schema this build does not know (newer"
              + " latentwire?): "
              + e.getMessage(),
          e);
    } catch (BadHeaderException e) {
      throw new ModelRegistryException(
          "not a model announcement (no Avro single-object header): " + e.getMessage(), e);
    } catch (IOException | AvroRuntimeException e) {
      throw new ModelRegistryException("the announcement is corrupt: " + e.getMessage(), e);
    }
  }

  /** The bytes of a ByteBuffer field, without disturbing its position. */
  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer d = buffer.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
