package io.latentwire.streams.models;

import io.latentwire.codec.record.RecordCodec;

/**
 * Finds the model a record was encoded with, by the 8-byte id prefix the record carries.
 *
 * <p>Implementations are thread-safe: every stream task of a decoder calls the same instance. A
 * call may block (a registry that waits for a model to arrive), but always for a bounded time.
 */
public interface ModelResolver {

  /**
   * Resolves a model id prefix.
   *
   * @param shortId the 8 bytes of {@link io.latentwire.schemas.LatentRecord#getModelId()}; never
   *     null
   * @return never null; a {@link Resolution.Status#READY} resolution leases a codec and must be
   *     closed (try-with-resources) once the records are decoded
   */
  Resolution resolve(byte[] shortId);

  /**
   * A resolver that knows exactly one model, for a decoder configured with one bundle file ({@code
   * model.path}): its id resolves READY, any other id UNKNOWN.
   *
   * @param codec the model; not owned (the caller closes its ONNX sessions)
   */
  static ModelResolver single(RecordCodec codec) {
    return single(codec, "model.path");
  }

  /**
   * As {@link #single(RecordCodec)}, for a model configured by {@code configKey} ({@code
   * model.path} or {@code model.id}), which the dead-letter reason of another model's record names.
   */
  static ModelResolver single(RecordCodec codec, String configKey) {
    return new SingleModelResolver(codec, configKey);
  }
}
