package io.latentwire.ops.replay;

/** Why a record could not be replayed. */
public enum FailureKind {
  /** Its model is not announced on the models topic. */
  UNKNOWN_MODEL,
  /** Its model is announced but refused (hash, signature policy, cannot load). */
  UNTRUSTED_MODEL,
  /** The value is not a LatentRecord in the Confluent wire format. */
  UNREADABLE,
  /** The payload or passthrough is corrupt, or its source schema id is not in the registry. */
  UNDECODABLE
}
