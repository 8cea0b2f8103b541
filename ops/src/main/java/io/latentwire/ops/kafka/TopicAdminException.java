package io.latentwire.ops.kafka;

/**
 * A topic operation failed: creation refused by the cluster, a timeout, an unknown topic.
 *
 * <p>The message names the topic and the operation.
 */
public class TopicAdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, on which topic; never null
   */
  public TopicAdminException(String message) {
    super(message);
  }

  /**
   * @param message what failed, on which topic; never null
   * @param cause the underlying failure; may be null
   */
  public TopicAdminException(String message, Throwable cause) {
    super(message, cause);
  }
}
