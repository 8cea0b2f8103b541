package io.latentwire.streams.models;

/** What a decoder does with a record whose model is not announced (yet). */
public enum UnknownModelPolicy {
  /**
   * Dead-letter the record at once (after one check that the registry has read the topic to its
   * end).
   */
  DEAD_LETTER,
  /**
   * Block the task until the model is announced, at most {@code models.wait.timeout.ms} per model
   * id (counted from the first record that named it), then dead-letter.
   */
  WAIT
}
