package io.latentwire.streams.batch;

/** Why a batch was drained. */
public enum DrainCause {
  /** The batch reached the configured size. */
  SIZE,
  /** A record arrived after the first one of the batch had waited longer than the linger. */
  LINGER,
  /** The task is about to commit (regular commit, revocation or clean close). */
  COMMIT
}
