package io.latentwire.streams.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an app's model comes from, as configured ({@link LatentwireConfig#modelSource}): a bundle
 * file, one model of the models topic, or (decoders only) every model of the models topic.
 */
public sealed interface ModelSource {

  /** The config key that chose this source, for messages ("model.path", "model.id", ...). */
  String configKey();

  /** {@code model.path}: one bundle file. */
  record File(Path path) implements ModelSource {
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String configKey() {
      return LatentwireConfig.MODEL_PATH_CONFIG;
    }
  }

  /**
   * {@code model.id}: one model of the models topic.
   *
   * @param id lower-case hex, 16 to 64 digits
   */
  record FromModelsTopic(String id) implements ModelSource {
    public FromModelsTopic {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String configKey() {
      return LatentwireConfig.MODEL_ID_CONFIG;
    }
  }

  /** Neither key: a decoder resolves each record's model from the models topic. */
  record FollowModelsTopic() implements ModelSource {
    @Override
    public String configKey() {
      return "models.topic";
    }
  }
}
