package io.latentwire.streams.models;

/** What an accepted announcement's signature proved. */
public enum SignatureStatus {
  /** Signed by a trusted key, and the signature verifies. */
  TRUSTED,
  /** No signature (accepted only when signatures are not required). */
  UNSIGNED,
  /**
   * Signed by a key this decoder does not know; treated like an unsigned bundle (accepted only when
   * signatures are not required).
   */
  UNKNOWN_SIGNER
}
