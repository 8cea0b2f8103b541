package io.latentwire.ops.bench;

/**
 * One operating point of a learned codec, as the benchmark sees it. This small interface is all the
 * harness knows of the codec, so a change of the codec's own API touches only the adapter.
 *
 * <p>Rows are in the data set's units; the adapter converts to the model's feature units. Owned by
 * the {@link LearnedModelUnderTest} that produced it: valid until that model is closed.
 */
public interface LearnedCodecUnderTest {

  /** Codec family, e.g. {@code learned mlp 784→32}; never {@code null}. */
  String name();

  /** What distinguishes this operating point, e.g. {@code model 3f2a1b9c, step 0.05}. */
  String params();

  /**
   * Encodes {@code batch} row-major records.
   *
   * @return one payload per record, each decodable on its own
   */
  byte[][] encode(float[] rows, int batch);

  /** Decodes payloads into row-major records, {@code payloads.length} of them. */
  float[] decode(byte[][] payloads);
}
