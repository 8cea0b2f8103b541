package io.latentwire.ops.cli;

/** A user-facing CLI error: the message is printed as is, the exit code is non-zero. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
