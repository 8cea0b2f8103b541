package io.latentwire.trainer.nn;

import ai.djl.engine.Engine;
import io.latentwire.trainer.TrainerException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Loads DJL's PyTorch engine, turns a failure into a message a user can act on, and lets one
 * training at a time use it.
 *
 * <p>Shared by the trainer module's training code ({@code rd}); not meant for callers outside the
 * module.
 */
public final class DjlEngine {
  /** DJL's name of the engine every trainer of this module uses. */
  public static final String NAME = "PyTorch";

  /**
   * The one piece of static state here, and deliberately so: it mirrors a process-wide limit of the
   * engine (one gradient collector at a time), which trainer instances cannot coordinate otherwise.
   */
  private static final AtomicBoolean TRAINING = new AtomicBoolean();

  private DjlEngine() {}

  /**
   * Runs a training while no other training of this module runs in the JVM. DJL's PyTorch gradient
   * collection is process-wide, so a second concurrent training would fail at a random step inside
   * DJL; it is refused up front instead.
   *
   * @param what what is being trained, for the message, e.g. "rate-distortion"
   * @param training the training to run on this thread, not null
   * @param <T> what the training returns
   * @return what {@code training} returned
   * @throws IllegalStateException if another training is running
   */
  public static <T> T exclusively(String what, Supplier<T> training) {
    if (!TRAINING.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "cannot start the "
              + what
              + " training: another training is running in this JVM, and the PyTorch engine"
              + " trains one model at a time");
    }
    try {
      return training.get();
    } finally {
      TRAINING.set(false);
    }
  }

  /**
   * Returns DJL's PyTorch engine.
   *
   * @return the engine, not null
   * @throws TrainerException naming the native cache directory when the engine cannot start
   */
  public static Engine pytorch() {
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

  /**
   * Returns the engine's intra-op thread count. It changes the order of float reductions inside
   * libtorch, so two trainings match bit for bit only with the same count (the launcher and the
   * tests set 1 with {@code -Dai.djl.pytorch.num_threads=1}); the pipeline records it in the
   * bundle's provenance.
   *
   * @return at least 1
   * @throws TrainerException when the engine cannot start
   */
  public static int intraOpThreads() {
    pytorch();
    return ai.djl.pytorch.jni.JniUtils.getNumThreads();
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
