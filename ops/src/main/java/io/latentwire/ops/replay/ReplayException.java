package io.latentwire.ops.replay;

/** A replay cannot go on: bad range, an output that cannot be written, a broker that is gone. */
public final class ReplayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
