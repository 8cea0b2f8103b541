package io.latentwire.codec.errors;

/** A record or schema that cannot satisfy a model's field mapping: absent or mistyped field. */
public class MappingException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public MappingException(String field, String message) {
    super("field '" + field + "': " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
