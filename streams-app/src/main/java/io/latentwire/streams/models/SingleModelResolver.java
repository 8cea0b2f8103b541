package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelId;
import io.latentwire.codec.record.RecordCodec;
import java.util.Objects;

/** {@link ModelResolver#single}: one fixed model, owned by the caller. */
final class SingleModelResolver implements ModelResolver {
  private final RecordCodec codec;
  private final ModelId id;
  private final String configKey;

  SingleModelResolver(RecordCodec codec, String configKey) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.configKey = Objects.requireNonNull(configKey, "configKey");
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
            + " ("
            + configKey
            + "); it does not know model "
            + ModelId.shortHex(shortId));
  }
}
