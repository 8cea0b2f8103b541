package io.latentwire.codec.payload;

import io.latentwire.codec.errors.CorruptPayloadException;
import io.latentwire.codec.errors.UnsupportedPayloadVersionException;
import io.latentwire.codec.quant.UniformQuantizer;
import java.io.ByteArrayOutputStream;

/**
 * The bytes of one latent code.
 *
 * <pre>
 * version 1:  [0x01] [zigzag LEB128 varint symbol] x latentSize
 * </pre>
 *
 * The latent size is not stored: it comes from the model the record names, which keeps the payload
 * small. Decoding is strict: a payload must hold exactly {@code latentSize} symbols, each at most 5
 * bytes long and within ±{@link UniformQuantizer#MAX_SYMBOL}, and nothing after them. Work is
 * bounded by the payload's length, never by a value read from it.
 */
public final class PayloadFormat {
  /** Format version written by {@link #write}. */
  public static final int VERSION_1 = 1;

  private static final int MAX_VARINT_BYTES = 5;

  private PayloadFormat() {}

  /** Encodes quantized symbols as a version-1 payload. */
  public static byte[] write(int[] symbols) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 + symbols.length * 2);
    out.write(VERSION_1);
    for (int s : symbols) {
      int v = (s << 1) ^ (s >> 31);
      while ((v & ~0x7F) != 0) {
        out.write((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out.write(v);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a payload into {@code latentSize} symbols.
   *
   * @throws UnsupportedPayloadVersionException if the first byte is not a known version
   * @throws CorruptPayloadException if the payload is empty, truncated, too long, or out of range
   */
  public static int[] read(byte[] payload, int latentSize) {
    if (payload == null || payload.length == 0) {
      throw new CorruptPayloadException("payload is empty; it must start with a version byte");
    }
    int version = payload[0] & 0xFF;
    if (version != VERSION_1) {
      throw new UnsupportedPayloadVersionException(version, "version " + VERSION_1);
    }
    if (payload.length - 1 < latentSize) {
      throw new CorruptPayloadException(
          "payload of "
              + payload.length
              + " bytes is too short for "
              + latentSize
              + " latent values (at least one byte each after the version byte)");
    }
    int[] symbols = new int[latentSize];
    int pos = 1;
    for (int i = 0; i < latentSize; i++) {
      int v = 0;
      int shift = 0;
      while (true) {
        if (pos >= payload.length) {
          throw new CorruptPayloadException(
              "payload truncated in latent value " + i + " of " + latentSize + " at byte " + pos);
        }
        int b = payload[pos++] & 0xFF;
        if (shift == 7 * (MAX_VARINT_BYTES - 1) && (b & 0xF0) != 0) {
          throw new CorruptPayloadException(
              "latent value " + i + " at byte " + (pos - 1) + " overflows 32 bits");
        }
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
        shift += 7;
      }
      int s = (v >>> 1) ^ -(v & 1);
      if (s > UniformQuantizer.MAX_SYMBOL || s < -UniformQuantizer.MAX_SYMBOL) {
        throw new CorruptPayloadException(
            "latent value " + i + " = " + s + " is outside ±" + UniformQuantizer.MAX_SYMBOL);
      }
      symbols[i] = s;
    }
    if (pos != payload.length) {
      throw new CorruptPayloadException(
          "payload has "
              + (payload.length - pos)
              + " trailing bytes after "
              + latentSize
              + " latent values");
    }
    return symbols;
  }
}
