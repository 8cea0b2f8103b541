package io.latentwire.ops.bench;

/**
 * A reference codec that handles one record at a time: the harness's batch calls are loops over
 * {@link #encodeOne} and {@link #decodeOne}. Deterministic: the same record always gives the same
 * payload.
 */
public interface Baseline extends CodecUnderTest {

  /** Encodes the record of {@link #width()} values at {@code offset} of {@code rows}. */
  byte[] encodeOne(float[] rows, int offset);

  /** Decodes one payload into {@link #width()} values at {@code offset} of {@code out}. */
  void decodeOne(byte[] payload, float[] out, int offset);

  @Override
  default Kind kind() {
    return Kind.BASELINE;
  }

  @Override
  default byte[][] encode(float[] rows, int from, int count) {
    byte[][] payloads = new byte[count][];
    int w = width();
    for (int i = 0; i < count; i++) {
      payloads[i] = encodeOne(rows, (from + i) * w);
    }
    return payloads;
  }

  @Override
  default void decode(byte[][] payloads, int from, int count, float[] out) {
    int w = width();
    for (int i = from; i < from + count; i++) {
      decodeOne(payloads[i], out, i * w);
    }
  }
}
