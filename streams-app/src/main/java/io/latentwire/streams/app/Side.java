package io.latentwire.streams.app;

import java.util.Locale;

/** Which half of the pipeline an app instance runs. */
public enum Side {
  ENCODE,
  DECODE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code encode} or {@code decode}; the error lists both. */
  public static Side parse(String s) {
    for (Side side : values()) {
      if (side.label().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return side;
      }
    }
    throw new IllegalArgumentException("unknown side '" + s + "'; allowed: encode, decode");
  }
}
