package io.latentwire.ops.embedded;

/**
 * The embedded broker could not be configured, formatted, started or stopped.
 *
 * <p>The message names the step that failed and, where there is one, the offending setting.
 */
public class EmbeddedBrokerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and with which value; never null
   */
  public EmbeddedBrokerException(String message) {
    super(message);
  }

  /**
   * @param message what failed and with which value; never null
   * @param cause the underlying failure; may be null
   */
  public EmbeddedBrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
