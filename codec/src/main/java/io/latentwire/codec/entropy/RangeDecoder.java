package io.latentwire.codec.entropy;

import io.latentwire.codec.errors.CorruptPayloadException;

/**
 * Decoder of the {@link RangeEncoder} stream, hardened for hostile input.
 *
 * <p>Rules that make every byte string either decode deterministically or fail with a {@link
 * CorruptPayloadException}:
 *
 * <ul>
 *   <li>The encoder drops the three low bytes of its final value, always zero: reading up to three
 *       bytes past the end yields zeros; reading a fourth is truncation. At {@link #finish} the
 *       decoder must have read exactly those three, or the stream has trailing bytes. So a stream's
 *       length is a function of what it codes. Work is bounded in any case: the number of events
 *       decoded is fixed by the caller (the model), each consuming a bounded number of bytes.
 *   <li>A code value that no encoder can produce (outside the current range, or in the sliver of
 *       range no symbol owns) is corruption, detected at the event where it happens, so the
 *       decoder's state always mirrors an encoder's; and the final code value must be the one
 *       {@link RangeEncoder#finish} picks.
 *   <li>Exp-Golomb prefixes and escaped symbols are bounded.
 * </ul>
 *
 * Together: a stream that decodes is exactly the stream the encoder writes for what it decodes to.
 * A mutated stream is rejected unless it happens to be another valid stream; there is no checksum
 * (transport corruption is caught by Kafka's record CRC).
 *
 * <p>Nothing is allocated from a value read from the stream. Not thread-safe; reusable via {@link
 * #init}.
 */
public final class RangeDecoder {
  private byte[] buf;
  private int start;
  private int pos;
  private int end;
  private long range;
  private long code;
  // The encoder's interval start, tracked (mod 2^32) only to check the stream's termination.
  private long low;

  /** Starts decoding {@code length} bytes of {@code buf} from {@code offset}. */
  public void init(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.start = offset;
    this.pos = offset;
    this.end = offset + length;
    range = RangeCoding.INITIAL_RANGE;
    code = 0;
    low = 0;
    for (int i = 0; i < 4; i++) {
      code = (code << 8) | nextByte();
    }
    if (code >= range) {
      throw corrupt("the range code starts outside its initial interval");
    }
  }

  private int nextByte() {
    int p = pos++;
    if (p < end) {
      return buf[p] & 0xFF;
    }
    if (p >= end + RangeCoding.IMPLIED_TAIL_BYTES) {
      throw corrupt("the range code is truncated: it needs more bytes than it has");
    }
    return 0;
  }

  private void normalize() {
    while (range < RangeCoding.TOP) {
      range <<= 8;
      code = (code << 8) | nextByte();
      low = (low << 8) & 0xFFFF_FFFFL;
    }
  }

  /**
   * Decodes a symbol of a static table (an escape is followed by its Exp-Golomb distance).
   *
   * @throws CorruptPayloadException if the code is not one an encoder can produce, or an escaped
   *     value is out of range
   */
  public int decodeSymbol(CompiledTable table) {
    long r = range >>> FrequencyTable.PRECISION_BITS;
    long v = code / r;
    if (v >= FrequencyTable.TOTAL) {
      throw corrupt("a latent symbol's code lies outside every symbol's interval");
    }
    int i = table.indexOf((int) v);
    code -= r * table.cumAt(i);
    low += r * table.cumAt(i);
    range = r * table.freqAt(i);
    normalize();
    int n = table.size();
    if (i < n) {
      return table.minSymbol() + i;
    }
    boolean above = decodeDirectBits(1) == 1;
    long distance = decodeExpGolomb(RangeCoding.MAX_EXP_GOLOMB_PREFIX) + 1L;
    long symbol =
        above ? (long) table.minSymbol() + n - 1 + distance : (long) table.minSymbol() - distance;
    if (symbol < -FrequencyTable.MAX_SYMBOL_MAGNITUDE
        || symbol > FrequencyTable.MAX_SYMBOL_MAGNITUDE) {
      throw corrupt(
          "an escaped latent symbol "
              + symbol
              + " is outside ±"
              + FrequencyTable.MAX_SYMBOL_MAGNITUDE);
    }
    return (int) symbol;
  }

  /** Decodes one adaptive binary decision and updates {@code probs[index]} as the encoder did. */
  public int decodeBit(int[] probs, int index) {
    int state = probs[index];
    int p = RangeCoding.probability(state);
    long bound = (range >>> RangeCoding.PROB_BITS) * p;
    int bit;
    if (code < bound) {
      range = bound;
      probs[index] = RangeCoding.update(state, 0);
      bit = 0;
    } else {
      code -= bound;
      low += bound;
      range -= bound; // code < range still: it was below the old range
      probs[index] = RangeCoding.update(state, 1);
      bit = 1;
    }
    normalize();
    return bit;
  }

  /** Decodes {@code count} (0..32) raw bits, most significant first. */
  public int decodeDirectBits(int count) {
    int v = 0;
    while (count > 0) {
      int n = Math.min(count, RangeCoding.DIRECT_CHUNK_BITS);
      count -= n;
      long r = range >>> n;
      long chunk = code / r;
      if (chunk >> n != 0) {
        // Only in the sliver of range no chunk owns (range not a multiple of 2^n): no encoder's.
        throw corrupt("raw bits' code lies outside their interval");
      }
      code -= r * chunk;
      low += r * chunk;
      range = r;
      normalize();
      v = (v << n) | (int) chunk;
    }
    return v;
  }

  /**
   * Decodes an order-0 Exp-Golomb value coded in raw bits.
   *
   * @param maxPrefix longest prefix accepted (at most 30)
   * @throws CorruptPayloadException if the prefix is longer
   */
  public int decodeExpGolomb(int maxPrefix) {
    int n = 0;
    while (decodeDirectBits(1) == 1) {
      if (++n > maxPrefix) {
        throw corrupt("an Exp-Golomb code is longer than " + maxPrefix + " bits");
      }
    }
    return ((1 << n) | decodeDirectBits(n)) - 1;
  }

  /**
   * Checks that the stream ended where the encoder ended it.
   *
   * @throws CorruptPayloadException on unread trailing bytes, a trailing zero byte, or a final code
   *     value outside the final range
   */
  public void finish() {
    int unread = end + RangeCoding.IMPLIED_TAIL_BYTES - pos;
    if (unread > 0) {
      throw corrupt(
          unread + " trailing byte" + (unread == 1 ? "" : "s") + " after the last coded value");
    }
    // The encoder ends on the smallest multiple of 2^24 at or above the interval's start.
    long expected = -low & ((1L << 8 * RangeCoding.IMPLIED_TAIL_BYTES) - 1);
    if (code != expected) {
      throw corrupt("the range code does not end the way its encoder ends it");
    }
  }

  /** Bytes consumed so far, counting the zero bytes read past the end. */
  public int consumed() {
    return pos - start;
  }

  private CorruptPayloadException corrupt(String what) {
    return new CorruptPayloadException(
        what + " (range-coded section of " + (end - start) + " bytes, at byte " + consumed() + ")");
  }
}
