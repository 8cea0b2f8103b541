package io.latentwire.ops.mirror;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.mirror.MirrorMaker;

/**
 * Apache Kafka's MirrorMaker 2 in dedicated mode, in this JVM: one Connect herder per enabled flow,
 * no REST server (dedicated.mode.enable.internal.rest=false), clients only to the configured
 * clusters. Owns its herders' threads and clients: {@link #close()} stops them.
 */
final class EmbeddedMirrorMaker implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final MirrorMaker mirrorMaker;

  private EmbeddedMirrorMaker(MirrorMaker mirrorMaker) {
    this.mirrorMaker = mirrorMaker;
  }

  /**
   * Builds the herders and starts the connectors of {@code config} (an mm2.properties as a map).
   * Returns once they are started; replication goes on in the background.
   */
  static EmbeddedMirrorMaker start(Map<String, String> config) {
    // Connect swaps in its own class loader as this thread's context loader: put ours back, or
    // later code on the test thread would load classes through Connect's plugin loader.
    ClassLoader ours = Thread.currentThread().getContextClassLoader();
    MirrorMaker mm;
    try {
      mm = new MirrorMaker(config, null, Time.SYSTEM);
    } finally {
      Thread.currentThread().setContextClassLoader(ours);
    }
    try {
      mm.start();
    } catch (RuntimeException e) {
      stopQuietly(mm);
      throw e;
    } finally {
      Thread.currentThread().setContextClassLoader(ours);
    }
    return new EmbeddedMirrorMaker(mm);
  }

  /** Stops every herder and waits for them, bounded: a stuck stop fails the test, not hangs it. */
  @Override
  public void close() {
    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(
            () -> {
              mirrorMaker.stop();
              mirrorMaker.awaitStop();
            });
    try {
      stopped.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("MirrorMaker did not stop within " + STOP_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping MirrorMaker", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("MirrorMaker failed to stop: " + e.getCause(), e.getCause());
    }
  }

  private static void stopQuietly(MirrorMaker mm) {
    try {
      mm.stop();
    } catch (RuntimeException suppressed) {
      // The start failure is what the caller needs to see.
    }
  }
}
