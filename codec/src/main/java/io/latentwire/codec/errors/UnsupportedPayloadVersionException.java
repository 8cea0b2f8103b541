package io.latentwire.codec.errors;

/** A payload whose first byte names a format version this codec does not know. */
public class UnsupportedPayloadVersionException extends CorruptPayloadException {
  private static final long serialVersionUID = 1L;

  private final int version;

  public UnsupportedPayloadVersionException(int version, String supported) {
    super("payload format version " + version + " is not supported; this codec reads " + supported);
    this.version = version;
  }

  public int version() {
    return version;
  }
}
