package io.latentwire.streams.models;

import io.latentwire.codec.model.ModelId;
import io.latentwire.codec.record.RecordCodec;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer of a {@link ModelResolver}: a ready codec, or why there is none.
 *
 * <p>A READY resolution is a lease on a codec the resolver owns: while it is open, the codec's ONNX
 * sessions are not closed, even if the resolver's cache evicts the model meanwhile. Close it (once
 * the batch is decoded) so that an evicted model's native memory is freed; closing twice, or
 * closing a resolution that is not READY, does nothing. Not thread-safe: one task uses one
 * resolution.
 */
public final class Resolution implements AutoCloseable {

  /** What the resolver found. */
  public enum Status {
    /** The model is known, verified and trusted: {@link #codec()} decodes with it. */
    READY,
    /** No model with this id is announced (yet). */
    UNKNOWN,
    /**
     * A bundle with this id is announced but refused: altered or corrupt bytes, a signature policy
     * it fails, or networks ONNX Runtime cannot load. {@link #reason()} says which.
     */
    UNTRUSTED
  }

  private final Status status;
  private final String shortId;
  private final ModelId modelId;
  private final RecordCodec codec;
  private final String reason;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Resolution(
      Status status,
      String shortId,
      ModelId modelId,
      RecordCodec codec,
      String reason,
      Runnable release) {
    this.status = status;
    this.shortId = shortId;
    this.modelId = modelId;
    this.codec = codec;
    this.reason = reason;
    this.release = release;
  }

  /**
   * A ready model.
   *
   * @param release run once when this resolution is closed (returns the lease); never null
   */
  public static Resolution ready(ModelId id, RecordCodec codec, Runnable release) {
    return new Resolution(
        Status.READY,
        id.shortHex(),
        id,
        Objects.requireNonNull(codec, "codec"),
        null,
        Objects.requireNonNull(release, "release"));
  }

  /** No such model; {@code reason} is shown in dead-letter headers and reports. */
  public static Resolution unknown(String shortId, String reason) {
    return new Resolution(
        Status.UNKNOWN, shortId, null, null, Objects.requireNonNull(reason, "reason"), () -> {});
  }

  /**
   * A refused model.
   *
   * @param modelId the full id the refused announcement claimed, or null if it could not be read
   */
  public static Resolution untrusted(String shortId, ModelId modelId, String reason) {
    return new Resolution(
        Status.UNTRUSTED,
        shortId,
        modelId,
        null,
        Objects.requireNonNull(reason, "reason"),
        () -> {});
  }

  public Status status() {
    return status;
  }

  public boolean isReady() {
    return status == Status.READY;
  }

  /** The 16-hex-digit id prefix that was resolved. Never null. */
  public String shortId() {
    return shortId;
  }

  /** The full model id: always set when READY, set when UNTRUSTED if known, else null. */
  public ModelId modelId() {
    return modelId;
  }

  /**
   * The codec of a READY model, valid until this resolution is closed.
   *
   * @throws IllegalStateException when not READY or already closed
   */
  public RecordCodec codec() {
    if (status != Status.READY) {
      throw new IllegalStateException("model " + shortId + " is " + status + ": " + reason);
    }
    if (closed.get()) {
      throw new IllegalStateException("the resolution of model " + shortId + " is closed");
    }
    return codec;
  }

  /** Why there is no codec; null when READY. */
  public String reason() {
    return reason;
  }

  /**
   * An exception describing why the model cannot be used, for the dead-letter headers.
   *
   * @throws IllegalStateException when READY
   */
  public UnresolvedModelException failure() {
    if (status == Status.READY) {
      throw new IllegalStateException("model " + shortId + " is READY");
    }
    return new UnresolvedModelException(status, shortId, reason);
  }

  /** Returns the lease (READY); idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }

  @Override
  public String toString() {
    return "Resolution[" + shortId + " " + status + (reason == null ? "" : ": " + reason) + "]";
  }
}
