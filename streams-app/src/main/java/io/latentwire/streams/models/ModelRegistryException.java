package io.latentwire.streams.models;

import io.latentwire.streams.errors.LatentwireStreamsException;

/**
 * The model registry, publisher or signer failed: bad configuration (keys, policy), a models topic
 * that cannot be used, or a broker that does not answer in time. Messages name the setting, topic
 * or file at fault.
 */
public class ModelRegistryException extends LatentwireStreamsException {
  private static final long serialVersionUID = 1L;

  public ModelRegistryException(String message) {
    super(message);
  }

  public ModelRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
