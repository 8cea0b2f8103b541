package io.latentwire.ops.cli;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.mapping.FieldMapping;

/**
 * Parses {@code --max-abs-error}: one number, or {@code FIELD=E} pairs with an optional {@code
 * *=E}. The syntax is the codec's ({@link EncodeSettings#parseMaxAbsError}), shared with the
 * streams app's {@code encode.max.abs.error}.
 */
final class ErrorBounds {
  private ErrorBounds() {}

  static float[] parse(String spec, FieldMapping mapping) {
    return EncodeSettings.parseMaxAbsError("--max-abs-error", spec, mapping);
  }
}
