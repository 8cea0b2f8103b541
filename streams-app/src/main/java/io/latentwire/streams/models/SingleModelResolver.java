package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelId;
import io.latentwire.codec.record.RecordCodec;
import java.util.Objects;

/** {@link ModelResolver#single}: one fixed model, owned by the caller. */
final class SingleModelResolver implements ModelResolver {
  private final RecordCodec codec;
  private final ModelId id;

  SingleModelResolver(RecordCodec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.id = codec.latentCodec().modelId();
  }

  @Override
  public Resolution resolve(byte[] shortId) {
    Objects.requireNonNull(shortId, "shortId");
    if (id.matches(shortId)) {
      return Resolution.ready(id, codec, () -> {});
    }
    return Resolution.unknown(
        ModelId.shortHex(shortId),
        "this decoder runs with the single model "
            + id.shortHex()
            + " (model.path); it does not know model "
            + ModelId.shortHex(shortId));
  }
}
