package io.latentwire.codec.errors;

/** Codes made by one model were given to another. Names both ids. */
public class ModelMismatchException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final String expectedId;
  private final String actualId;

  public ModelMismatchException(String what, String actualId, String expectedId) {
    super(
        what
            + " was encoded with model "
            + actualId
            + " but the model given is "
            + expectedId
            + "; decode it with the model it was encoded with");
    this.expectedId = expectedId;
    this.actualId = actualId;
  }

  public String expectedId() {
    return expectedId;
  }

  public String actualId() {
    return actualId;
  }
}
