package io.latentwire.codec.errors;

/**
 * Root of every error the codec raises. Subclasses say which kind of input was wrong; messages say
 * what, where, and what is allowed.
 */
public class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
