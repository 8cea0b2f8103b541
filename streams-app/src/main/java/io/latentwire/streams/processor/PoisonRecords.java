package io.latentwire.streams.processor;

import io.latentwire.codec.errors.CodecException;
import io.latentwire.streams.models.UnresolvedModelException;
import io.latentwire.streams.serde.SerdeException;

/**
 * Tells a record that can never be processed (dead-letter it and go on) from a failure of the
 * environment (registry down, broker errors), which must stop the task so that exactly-once
 * processing retries it rather than dropping it.
 */
final class PoisonRecords {
  private PoisonRecords() {}

  static boolean isPoison(RuntimeException e) {
    if (e instanceof CodecException || e instanceof UnresolvedModelException) {
      return true;
    }
    if (e instanceof SerdeException s) {
      return s.reason() != SerdeException.Reason.REGISTRY_ERROR;
    }
    return false;
  }
}
