package io.latentwire.codec.errors;

/** A model bundle (.lwm) that is unreadable, incomplete, or fails its content-hash checks. */
public class BundleFormatException extends CodecException {
  private static final long serialVersionUID = 1L;

  public BundleFormatException(String message) {
    super(message);
  }

  public BundleFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
