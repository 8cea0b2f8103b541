package io.latentwire.streams.models;

import io.latentwire.streams.errors.LatentwireStreamsException;

/**
 * A record names a model that is unknown or refused. Raised for one record, never for the stream:
 * the decoder dead-letters the record (its class name and message go into the headers) and goes on.
 */
public final class UnresolvedModelException extends LatentwireStreamsException {
  private static final long serialVersionUID = 1L;

  private final Resolution.Status status;
  private final String shortId;

  public UnresolvedModelException(Resolution.Status status, String shortId, String reason) {
    super(
        (status == Resolution.Status.UNKNOWN ? "unknown model " : "untrusted model ")
            + shortId
            + ": "
            + reason);
    this.status = status;
    this.shortId = shortId;
  }

  /** UNKNOWN or UNTRUSTED. */
  public Resolution.Status status() {
    return status;
  }

  /** The 16-hex-digit model id prefix the record named. */
  public String shortId() {
    return shortId;
  }
}
