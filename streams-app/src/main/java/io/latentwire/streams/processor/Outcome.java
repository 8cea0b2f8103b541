package io.latentwire.streams.processor;

/** What became of one input record of a batch: an output value, or a reason to dead-letter it. */
public sealed interface Outcome {

  /** Forward the input record (same key, timestamp, headers) with {@code value}, maybe null. */
  record Emit(byte[] value) implements Outcome {}

  /** Send the input record, unchanged, to the dead-letter sink because of {@code cause}. */
  record Reject(RuntimeException cause) implements Outcome {}

  static Outcome emit(byte[] value) {
    return new Emit(value);
  }

  /**
   * A rejection when {@code e} is a poison-record error; otherwise rethrows it, so that a failure
   * of the environment (registry down) stops the task and the record is retried, never dropped.
   */
  static Outcome rejectOrThrow(RuntimeException e) {
    if (!PoisonRecords.isPoison(e)) {
      throw e;
    }
    return new Reject(e);
  }
}
