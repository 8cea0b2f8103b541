package io.latentwire.codec.model;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A bundle's content hash: SHA-256 of its manifest, which lists the SHA-256 of every other file.
 * Records carry only the first 8 bytes ({@link #shortBytes()}), printed as 16 hex digits.
 */
public record ModelId(String hex) {
  public static final int SHORT_BYTES = 8;

  public ModelId {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "a model id is 64 lowercase hex digits, got '" + hex + "'");
    }
  }

  /** The 8-byte prefix stored in every LatentRecord. */
  public byte[] shortBytes() {
    return HexFormat.of().parseHex(hex.substring(0, 2 * SHORT_BYTES));
  }

  /** The 16-hex-digit prefix, how ids are shown to people. */
  public String shortHex() {
    return hex.substring(0, 2 * SHORT_BYTES);
  }

  /** True when {@code prefix} (as stored in a record) names this model. */
  public boolean matches(byte[] prefix) {
    return prefix != null && java.util.Arrays.equals(prefix, shortBytes());
  }

  /** Hex form of a stored 8-byte prefix, for messages. */
  public static String shortHex(byte[] prefix) {
    return HexFormat.of().formatHex(prefix);
  }

  @Override
  public String toString() {
    return shortHex();
  }
}
