package io.latentwire.ops.cli;

import io.latentwire.codec.EncodeSettings;
import io.latentwire.codec.mapping.FieldMapping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code --max-abs-error}: one number, or {@code FIELD=E} pairs with an optional {@code
 * *=E}.
 */
final class ErrorBounds {
  private ErrorBounds() {}

  static float[] parse(String spec, FieldMapping mapping) {
    String s = spec.trim();
    if (!s.contains("=")) {
      float e = number(s, spec);
      return EncodeSettings.boundsPerField(mapping, Map.of(), e);
    }
    Map<String, Float> perField = new LinkedHashMap<>();
    float others = Float.POSITIVE_INFINITY;
    for (String part : s.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException(
            "--max-abs-error '"
                + spec
                + "': '"
                + part
                + "' is not FIELD=E; use e.g. 'temp=0.1,*=1'");
      }
      float e = number(kv[1].trim(), spec);
      if (kv[0].trim().equals("*")) {
        others = e;
      } else {
        perField.put(kv[0].trim(), e);
      }
    }
    return EncodeSettings.boundsPerField(mapping, perField, others);
  }

  private static float number(String s, String spec) {
    try {
      float e = Float.parseFloat(s);
      if (!(e >= 0) || Float.isNaN(e)) {
        throw new NumberFormatException();
      }
      return e;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--max-abs-error '" + spec + "': '" + s + "' is not a number >= 0");
    }
  }
}
