package io.latentwire.codec.errors;

/** ONNX Runtime failed to load a model or to run it. */
public class InferenceException extends CodecException {
  private static final long serialVersionUID = 1L;

  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }

  public InferenceException(String message) {
    super(message);
  }
}
