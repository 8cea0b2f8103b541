package io.latentwire.codec.entropy;

import java.util.Arrays;

/**
 * A 32-bit range encoder (LZMA style: byte-wise output with carry propagation), integer arithmetic
 * only, so the same symbols give the same bytes on every machine.
 *
 * <p>It codes three kinds of events into one stream: symbols of a static {@link CompiledTable}
 * (out-of-table values escape to Exp-Golomb bits), adaptive binary decisions (LZMA-style
 * probabilities with shift update, see {@link #encodeBit}), and raw bits.
 *
 * <p>The stream is short by construction: the leading byte LZMA always writes as zero is omitted,
 * and {@link #finish} ends on a value whose three low bytes are zero and drops them (the {@link
 * RangeDecoder} reads them past the end). Keeping exactly three implied bytes, rather than
 * stripping every trailing zero, costs about 0.2 byte per stream and makes the stream's length a
 * function of its content: a truncated or extended stream is then almost always detected.
 *
 * <p>Not thread-safe; reusable after {@link #reset}.
 */
public final class RangeEncoder {
  private long low;
  private long range;
  private int cache;
  private long cacheSize;
  private boolean leadingByte;
  private byte[] out = new byte[64];
  private int size;

  public RangeEncoder() {
    reset();
  }

  /** Starts a new stream. */
  public void reset() {
    low = 0;
    range = RangeCoding.INITIAL_RANGE;
    cache = 0;
    cacheSize = 1;
    leadingByte = true;
    size = 0;
  }

  /**
   * Codes {@code symbol} with a static table; a symbol outside the table's range is coded as the
   * escape followed by its distance from the range in Exp-Golomb bits.
   *
   * @throws IllegalArgumentException if the symbol is outside ±{@link
   *     FrequencyTable#MAX_SYMBOL_MAGNITUDE}
   */
  public void encodeSymbol(CompiledTable table, int symbol) {
    if (symbol < -FrequencyTable.MAX_SYMBOL_MAGNITUDE
        || symbol > FrequencyTable.MAX_SYMBOL_MAGNITUDE) {
      throw new IllegalArgumentException(
          "symbol " + symbol + " is outside ±" + FrequencyTable.MAX_SYMBOL_MAGNITUDE);
    }
    int n = table.size();
    int i = symbol - table.minSymbol();
    if (i >= 0 && i < n) {
      encodeFreq(table.cumAt(i), table.freqAt(i));
      return;
    }
    encodeFreq(table.cumAt(n), table.freqAt(n));
    if (i < 0) {
      encodeDirectBits(0, 1);
      encodeExpGolomb(-i - 1);
    } else {
      encodeDirectBits(1, 1);
      encodeExpGolomb(i - n);
    }
  }

  private void encodeFreq(int start, int freq) {
    long r = range >>> FrequencyTable.PRECISION_BITS;
    low += r * start;
    range = r * freq;
    normalize();
  }

  /**
   * Codes one binary decision with the adaptive probability state {@code probs[index]} (opaque:
   * start it at {@link #initialProbability()}), then updates that state as the decoder will.
   */
  public void encodeBit(int[] probs, int index, int bit) {
    int state = probs[index];
    int p = RangeCoding.probability(state);
    long bound = (range >>> RangeCoding.PROB_BITS) * p;
    if (bit == 0) {
      range = bound;
      probs[index] = RangeCoding.update(state, 0);
    } else {
      low += bound;
      range -= bound;
      probs[index] = RangeCoding.update(state, 1);
    }
    normalize();
  }

  /** The state adaptive bits start at: probability one half, nothing seen yet. */
  public static int initialProbability() {
    return RangeCoding.PROB_INIT;
  }

  /**
   * Codes the low {@code count} (0..32) bits of {@code value}, most significant first, at exactly 1
   * bit each: in chunks of up to 16 bits, each a uniform symbol.
   */
  public void encodeDirectBits(int value, int count) {
    while (count > 0) {
      int n = Math.min(count, RangeCoding.DIRECT_CHUNK_BITS);
      count -= n;
      long chunk = (value >>> count) & ((1L << n) - 1);
      long r = range >>> n;
      low += r * chunk;
      range = r;
      normalize();
    }
  }

  /**
   * Codes {@code value >= 0} as an order-0 Exp-Golomb code in raw bits: {@code n} one-bits, a
   * zero-bit, then the low {@code n} bits of {@code value + 1}, where {@code n = floor(log2(value +
   * 1))}.
   */
  public void encodeExpGolomb(int value) {
    if (value < 0 || value >= (1 << RangeCoding.MAX_EXP_GOLOMB_PREFIX) - 1) {
      throw new IllegalArgumentException("Exp-Golomb value out of range: " + value);
    }
    int v = value + 1;
    int n = 31 - Integer.numberOfLeadingZeros(v);
    for (int i = 0; i < n; i++) {
      encodeDirectBits(1, 1);
    }
    encodeDirectBits(0, 1);
    encodeDirectBits(v, n);
  }

  private void normalize() {
    while (range < RangeCoding.TOP) {
      range <<= 8;
      shiftLow();
    }
  }

  private void shiftLow() {
    if (low < 0xFF00_0000L || low > 0xFFFF_FFFFL) {
      int carry = (int) (low >>> 32);
      int pending = cache;
      do {
        put((pending + carry) & 0xFF);
        pending = 0xFF;
      } while (--cacheSize != 0);
      cache = (int) (low >>> 24) & 0xFF;
    }
    cacheSize++;
    low = (low & 0x00FF_FFFFL) << 8;
  }

  private void put(int b) {
    if (leadingByte) {
      // The interval starts inside [0, 2^32), so the byte above it is always 0: not worth sending.
      leadingByte = false;
      if (b != 0) {
        throw new IllegalStateException("range coder invariant broken: leading byte " + b);
      }
      return;
    }
    if (size == out.length) {
      out = Arrays.copyOf(out, size * 2);
    }
    out[size++] = (byte) b;
  }

  /**
   * Ends the stream: settles on the smallest multiple of 2^24 in the final interval (there is one,
   * as the range is at least 2^24), flushes it, and drops its three low bytes, which are zero and
   * which the decoder reads past the end. Call once, then {@link #size()} and {@link #copyTo}.
   */
  public void finish() {
    long mask = (1L << RangeCoding.IMPLIED_TAIL_BYTES * 8) - 1;
    low = (low + mask) & ~mask;
    for (int i = 0; i < 5; i++) {
      shiftLow();
    }
    for (int i = 1; i <= RangeCoding.IMPLIED_TAIL_BYTES; i++) {
      if (out[size - i] != 0) {
        throw new IllegalStateException("range coder invariant broken: non-zero implied tail");
      }
    }
    size -= RangeCoding.IMPLIED_TAIL_BYTES;
  }

  /** Bytes of the finished stream. */
  public int size() {
    return size;
  }

  /** Copies the finished stream into {@code dest} at {@code offset}. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(out, 0, dest, offset, size);
  }
}
