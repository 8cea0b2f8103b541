package io.latentwire.ops.bench;

/**
 * IEEE 754 binary16 ("half") conversions. Java 17 has none ({@code Float.floatToFloat16} arrived in
 * Java 20), and the float16 baseline must round correctly, or its error would be overstated.
 */
public final class HalfFloat {
  private HalfFloat() {}

  /**
   * The half nearest to {@code f}, ties to even; overflow gives infinity, underflow a subnormal or
   * zero (sign kept); NaN stays NaN.
   */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      // Keep NaN a NaN even when its payload lives only in the low bits that are dropped.
      return (short) (sign | 0x7c00 | (mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13)));
    }
    int e = exponent - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        // Below half the smallest subnormal (2^-25): rounds to zero.
        return (short) sign;
      }
      int full = mantissa | 0x800000;
      int shift = 14 - e;
      int m = full >>> shift;
      int rest = full & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (m & 1) != 0)) {
        m++; // may carry into the smallest normal, whose encoding is the next integer: correct
      }
      return (short) (sign | m);
    }
    int half = sign | (e << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
      half++; // a carry into the exponent is the correctly rounded result, up to infinity
    }
    return (short) half;
  }

  /** The exact float value of a half. */
  public static float toFloat(short h) {
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0) {
      float v = mantissa * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }
}
