package io.latentwire.ops.bench;

/**
 * A benchmark could not run or could not write its results. The message names the data set, codec
 * or file concerned and, for missing inputs, how to provide them.
 */
public final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
