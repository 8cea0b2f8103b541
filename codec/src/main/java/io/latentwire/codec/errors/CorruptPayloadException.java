package io.latentwire.codec.errors;

/** A payload that cannot be decoded: truncated, trailing bytes, out-of-range values. */
public class CorruptPayloadException extends CodecException {
  private static final long serialVersionUID = 1L;

  public CorruptPayloadException(String message) {
    super(message);
  }
}
