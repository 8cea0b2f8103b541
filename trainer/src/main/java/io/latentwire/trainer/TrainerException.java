package io.latentwire.trainer;

/**
 * Root of the failures reported by the trainer module: the deep learning engine could not start, a
 * training step failed in native code, or an export could not be built.
 *
 * <p>Invalid arguments (bad configuration, ragged data) are reported as {@link
 * IllegalArgumentException} naming the field, the value and what is allowed; this exception is for
 * failures that valid input can still meet.
 */
public class TrainerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and where.
   *
   * @param message non-null description, naming the operation and its context
   */
  public TrainerException(String message) {
    super(message);
  }

  /**
   * Creates an exception wrapping a lower-level cause.
   *
   * @param message non-null description, naming the operation and its context
   * @param cause the underlying failure, may be null
   */
  public TrainerException(String message, Throwable cause) {
    super(message, cause);
  }
}
