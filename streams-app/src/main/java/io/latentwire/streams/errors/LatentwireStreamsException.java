package io.latentwire.streams.errors;

/** Root of the streams app's exceptions. Carries where the failing record came from, when known. */
public class LatentwireStreamsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LatentwireStreamsException(String message) {
    super(message);
  }

  public LatentwireStreamsException(String message, Throwable cause) {
    super(message, cause);
  }
}
