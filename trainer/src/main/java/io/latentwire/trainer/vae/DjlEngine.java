package io.latentwire.trainer.vae;

import ai.djl.engine.Engine;
import io.latentwire.trainer.TrainerException;

/** Loads DJL's PyTorch engine and turns a failure into a message a user can act on. */
final class DjlEngine {
  static final String NAME = "PyTorch";

  private DjlEngine() {}

  static Engine pytorch() {
    try {
      return Engine.getEngine(NAME);
    } catch (RuntimeException | LinkageError e) {
      throw new TrainerException(
          "could not start the DJL "
              + NAME
              + " engine. Its native library ships in the pytorch-native-cpu jar and is unpacked"
              + " into DJL_CACHE_DIR (now "
              + describeCacheDir()
              + "); check that the jar is on the class path, that the directory is writable, and"
              + " run with -Dai.djl.offline=true so nothing is downloaded",
          e);
    }
  }

  private static String describeCacheDir() {
    String fromProperty = System.getProperty("DJL_CACHE_DIR");
    String fromEnvironment = System.getenv("DJL_CACHE_DIR");
    if (fromProperty != null) {
      return fromProperty;
    }
    return fromEnvironment != null ? fromEnvironment : "unset, so ~/.djl.ai";
  }
}
