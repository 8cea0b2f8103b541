package io.latentwire.ops.bench;

/**
 * A codec the rate-distortion harness measures: each record becomes one payload that decodes on its
 * own (what one Kafka message carries), and back.
 *
 * <p>Rows are row-major float32 in the data set's units ({@link BenchDataSet}); a codec may process
 * several records per call (the learned codec batches its network runs) but never lets one payload
 * depend on another record. Implementations may hold native resources (zstd contexts, ONNX Runtime
 * sessions), released by {@link #close()}; the harness closes every codec it is given. Not required
 * to be thread-safe: the harness runs one thread.
 */
public interface CodecUnderTest extends AutoCloseable {

  /** Whether a row measures the project's codec or a reference it has to beat. */
  enum Kind {
    BASELINE,
    LEARNED
  }

  /** Method family, e.g. {@code uint8 + zstd}; never {@code null}. */
  String name();

  /** Settings that distinguish rows of one family, e.g. {@code level 3}; never {@code null}. */
  String params();

  Kind kind();

  /** Values per record. */
  int width();

  /**
   * Encodes records {@code from .. from + count - 1} of {@code rows}.
   *
   * @return {@code count} payloads, one per record, none {@code null}
   */
  byte[][] encode(float[] rows, int from, int count);

  /**
   * Decodes {@code payloads[from .. from + count - 1]}, writing record {@code from + i} at offset
   * {@code (from + i) * width()} of {@code out}.
   */
  void decode(byte[][] payloads, int from, int count, float[] out);

  /** Releases native resources; the default holds none. */
  @Override
  default void close() {}
}
